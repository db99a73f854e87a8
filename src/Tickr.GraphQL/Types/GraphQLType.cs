using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types;

/// <summary>The eight kinds of the introspection <c>__TypeKind</c> enum.</summary>
public enum TypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    List,
    NonNull,
}

/// <summary>Any GraphQL type: a named type or a List/NonNull wrapper around one.</summary>
public interface IGraphQLType
{
    TypeKind Kind { get; }
}

/// <summary>A type that is defined by name in the schema (scalar, object, interface, union, enum, input object).</summary>
public abstract class NamedType : IGraphQLType
{
    protected NamedType(string name) => Name = name;

    public abstract TypeKind Kind { get; }
    public string Name { get; }
    public string? Description { get; set; }

    /// <summary>Directives applied to this type in the schema (printed in SDL when not built-in).</summary>
    public IList<DirectiveNode> AppliedDirectives { get; } = new List<DirectiveNode>();

    /// <summary>The SDL node(s) this type was built from, when built from SDL.</summary>
    public SyntaxNode? SyntaxNode { get; set; }

    /// <summary>Introspection's cached list of non-deprecated fields, enum values or input fields.</summary>
    internal object? IntrospectionCache;

    public override string ToString() => Name;
}

/// <summary>[T]</summary>
public sealed class ListType(IGraphQLType ofType) : IGraphQLType
{
    public TypeKind Kind => TypeKind.List;
    public IGraphQLType OfType { get; } = ofType;
    public override string ToString() => $"[{OfType}]";
}

/// <summary>T!  (OfType is never itself a NonNullType.)</summary>
public sealed class NonNullType : IGraphQLType
{
    public NonNullType(IGraphQLType ofType)
    {
        if (ofType is NonNullType)
        {
            throw new ArgumentException("A non-null type cannot wrap a non-null type.", nameof(ofType));
        }
        OfType = ofType;
    }

    public TypeKind Kind => TypeKind.NonNull;
    public IGraphQLType OfType { get; }
    public override string ToString() => $"{OfType}!";
}

/// <summary>Object and interface types: they have fields and may implement interfaces.</summary>
public interface IComplexOutputType
{
    string Name { get; }
    FieldCollection<OutputField> Fields { get; }
    IList<InterfaceType> Interfaces { get; }
}

/// <summary>Interface and union types: the executor must pick the concrete object type of a value.</summary>
public interface IAbstractType
{
    string Name { get; }

    /// <summary>
    /// Picks the object type of a runtime value. When null, the executor tries each possible type's
    /// <see cref="ObjectType.IsTypeOf"/>, then the CLR type map of <see cref="ObjectType.RuntimeType"/>.
    /// </summary>
    Func<object, Schema, ObjectType?>? ResolveType { get; set; }
}
