namespace Tickr.GraphQL.Types;

/// <summary>An interface type; interfaces may implement other interfaces.</summary>
public sealed class InterfaceType(string name) : NamedType(name), IComplexOutputType, IAbstractType
{
    public override TypeKind Kind => TypeKind.Interface;
    public FieldCollection<OutputField> Fields { get; } = new();
    public IList<InterfaceType> Interfaces { get; } = new List<InterfaceType>();
    public Func<object, Schema, ObjectType?>? ResolveType { get; set; }

    /// <summary>The CLR type (usually an interface or base class) values of this type derive from.</summary>
    public Type? RuntimeType { get; set; }
}
