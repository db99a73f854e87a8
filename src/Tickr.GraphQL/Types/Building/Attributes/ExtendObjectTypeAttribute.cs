namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// Marks a class whose public members become fields of another object (or interface) type, given by CLR type
/// or by GraphQL name (e.g. <c>"Query"</c>). Register it with <see cref="SchemaBuilder.AddTypeExtension{T}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ExtendObjectTypeAttribute : Attribute
{
    public ExtendObjectTypeAttribute(Type extendsType) => ExtendsType = extendsType;

    public ExtendObjectTypeAttribute(string name) => Name = name;

    /// <summary>The CLR type of the extended type.</summary>
    public Type? ExtendsType { get; }

    /// <summary>The GraphQL name of the extended type.</summary>
    public string? Name { get; }

    /// <summary>GraphQL names of fields of the extended type to remove (the extension usually replaces them).</summary>
    public string[] IgnoreFields { get; set; } = [];
}
