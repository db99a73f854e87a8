using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// ResolveAbstractType (spec §6.4.3): the abstract type's ResolveType, else a <c>__typename</c> entry of a
/// dictionary value, else the first possible type whose IsTypeOf accepts the value, else the possible type whose
/// <see cref="ObjectType.RuntimeType"/> matches the value's CLR type (cached per abstract type and CLR type).
/// </summary>
internal static class AbstractTypeResolver
{
    private static readonly ConditionalWeakTable<NamedType, ConcurrentDictionary<Type, ObjectType?>> ClrMaps = new();

    public static ObjectType? Resolve(Schema schema, IAbstractType abstractType, object value)
    {
        if (abstractType.ResolveType is { } resolveType)
        {
            return resolveType(value, schema);
        }

        if (value is IReadOnlyDictionary<string, object?> map && map.TryGetValue("__typename", out var typeName) && typeName is string name)
        {
            return schema.GetType(name) as ObjectType;
        }

        var named = (NamedType)abstractType;
        var possibleTypes = schema.GetPossibleTypes(named);
        for (var i = 0; i < possibleTypes.Count; i++)
        {
            if (possibleTypes[i].IsTypeOf is { } isTypeOf && isTypeOf(value)) return possibleTypes[i];
        }

        var clrMap = ClrMaps.GetValue(named, static _ => new ConcurrentDictionary<Type, ObjectType?>());
        var clrType = value.GetType();
        if (clrMap.TryGetValue(clrType, out var cached))
        {
            return cached;
        }
        var found = FindByRuntimeType(possibleTypes, clrType);
        clrMap.TryAdd(clrType, found);
        return found;
    }

    private static ObjectType? FindByRuntimeType(IReadOnlyList<ObjectType> possibleTypes, Type clrType)
    {
        ObjectType? best = null;
        foreach (var candidate in possibleTypes)
        {
            if (candidate.RuntimeType is not { } runtimeType) continue;
            if (runtimeType == clrType) return candidate;
            if (runtimeType.IsAssignableFrom(clrType) && (best is null || best.RuntimeType!.IsAssignableFrom(runtimeType)))
            {
                best = candidate;
            }
        }
        return best;
    }
}
