namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Turns a (marker) C# interface into a GraphQL union; the concrete classes implementing it, found in the
/// interface's assembly or registered/reachable in the schema, are its members.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class UnionTypeAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;
}

/// <summary>
/// Makes a C# interface or a class a GraphQL interface (C# interfaces and abstract classes used as field types
/// already are). Registered or reachable classes implementing it become object types implementing it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class)]
public sealed class InterfaceTypeAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;
}
