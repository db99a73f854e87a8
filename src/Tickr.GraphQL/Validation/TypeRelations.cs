using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation;

/// <summary>Type comparisons used by several rules (graphql-js <c>typeComparators</c>).</summary>
internal static class TypeRelations
{
    /// <summary>Same named type: by reference, or by name when the schema was assembled from copies.</summary>
    public static bool SameNamed(NamedType a, NamedType b) => ReferenceEquals(a, b) || a.Name == b.Name;

    /// <summary>
    /// True when a value of <paramref name="maybeSubType"/> is always acceptable where <paramref name="superType"/>
    /// is expected: non-null may flow into nullable, lists must match structurally, and an object or interface
    /// is a subtype of the abstract types it belongs to (graphql-js <c>isTypeSubTypeOf</c>). Used by the validation
    /// rules and by <see cref="SchemaValidator.IsTypeSubTypeOf"/> (covariant interface field types).
    /// </summary>
    public static bool IsTypeSubTypeOf(Schema schema, IGraphQLType maybeSubType, IGraphQLType superType)
    {
        while (true)
        {
            if (superType is NonNullType superNonNull)
            {
                if (maybeSubType is not NonNullType subNonNull)
                {
                    return false;
                }
                maybeSubType = subNonNull.OfType;
                superType = superNonNull.OfType;
                continue;
            }
            if (maybeSubType is NonNullType nn)
            {
                maybeSubType = nn.OfType;
                continue;
            }
            if (superType is ListType superList)
            {
                if (maybeSubType is not ListType subList)
                {
                    return false;
                }
                maybeSubType = subList.OfType;
                superType = superList.OfType;
                continue;
            }
            if (maybeSubType is ListType)
            {
                return false;
            }
            if (maybeSubType is not NamedType sub || superType is not NamedType super)
            {
                return false;
            }
            if (SameNamed(sub, super))
            {
                return true;
            }
            return super.IsAbstractType() && sub is ObjectType or InterfaceType && schema.IsSubType(super, sub);
        }
    }

    /// <summary>
    /// True when some object type could be both <paramref name="a"/> and <paramref name="b"/>
    /// (spec: GetPossibleTypes intersection is not empty).
    /// </summary>
    public static bool DoTypesOverlap(Schema schema, NamedType a, NamedType b)
    {
        if (SameNamed(a, b))
        {
            return true;
        }
        if (a.IsAbstractType())
        {
            if (b.IsAbstractType())
            {
                var possible = schema.GetPossibleTypes(a);
                for (var i = 0; i < possible.Count; i++)
                {
                    if (schema.IsSubType(b, possible[i]))
                    {
                        return true;
                    }
                }
                return false;
            }
            return schema.IsSubType(a, b);
        }
        return b.IsAbstractType() && schema.IsSubType(b, a);
    }
}
