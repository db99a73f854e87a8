namespace Tickr.GraphQL.Types;

/// <summary>A union of object types.</summary>
public sealed class UnionType(string name) : NamedType(name), IAbstractType
{
    public override TypeKind Kind => TypeKind.Union;
    public IList<ObjectType> Types { get; } = new List<ObjectType>();
    public Func<object, Schema, ObjectType?>? ResolveType { get; set; }
    public Type? RuntimeType { get; set; }
}
