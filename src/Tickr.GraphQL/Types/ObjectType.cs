namespace Tickr.GraphQL.Types;

/// <summary>An output object type.</summary>
public sealed class ObjectType(string name) : NamedType(name), IComplexOutputType
{
    public override TypeKind Kind => TypeKind.Object;
    public FieldCollection<OutputField> Fields { get; } = new();
    public IList<InterfaceType> Interfaces { get; } = new List<InterfaceType>();

    /// <summary>Optional predicate used to resolve abstract types when the abstract type has no ResolveType.</summary>
    public Func<object, bool>? IsTypeOf { get; set; }

    /// <summary>The CLR type whose instances are values of this object type (schemas built from C#).</summary>
    public Type? RuntimeType { get; set; }
}
