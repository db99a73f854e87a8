namespace Tickr.GraphQL.Types;

/// <summary>Helpers over wrapped types.</summary>
public static class TypeExtensions
{
    /// <summary>Strips every List and NonNull wrapper.</summary>
    public static NamedType NamedType(this IGraphQLType type)
    {
        while (true)
        {
            switch (type)
            {
                case NamedType n: return n;
                case ListType l: type = l.OfType; break;
                case NonNullType nn: type = nn.OfType; break;
                default: throw new InvalidOperationException($"Unknown type {type}.");
            }
        }
    }

    /// <summary>Strips a NonNull wrapper, if any.</summary>
    public static IGraphQLType Nullable(this IGraphQLType type) => type is NonNullType nn ? nn.OfType : type;

    public static bool IsNonNull(this IGraphQLType type) => type is NonNullType;
    public static bool IsList(this IGraphQLType type) => type.Nullable() is ListType;

    /// <summary>Scalars, enums and input objects (and wrappers of them).</summary>
    public static bool IsInputType(this IGraphQLType type) => type.NamedType() is ScalarType or EnumType or InputObjectType;

    /// <summary>Scalars, objects, interfaces, unions and enums (and wrappers of them).</summary>
    public static bool IsOutputType(this IGraphQLType type) => type.NamedType() is ScalarType or ObjectType or InterfaceType or UnionType or EnumType;

    public static bool IsLeafType(this IGraphQLType type) => type.NamedType() is ScalarType or EnumType;
    public static bool IsCompositeType(this NamedType type) => type is ObjectType or InterfaceType or UnionType;
    public static bool IsAbstractType(this NamedType type) => type is InterfaceType or UnionType;

    /// <summary>Structural equality of two (possibly wrapped) types.</summary>
    public static bool IsEqualType(this IGraphQLType a, IGraphQLType b) => (a, b) switch
    {
        (NonNullType x, NonNullType y) => x.OfType.IsEqualType(y.OfType),
        (ListType x, ListType y) => x.OfType.IsEqualType(y.OfType),
        (NamedType x, NamedType y) => ReferenceEquals(x, y) || x.Name == y.Name,
        _ => false,
    };

    /// <summary>Prints a type reference in GraphQL syntax, e.g. <c>[String!]!</c>.</summary>
    public static string Print(this IGraphQLType type) => type.ToString()!;
}
