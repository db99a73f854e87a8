using System.Collections.Concurrent;

namespace Tickr.GraphQL.Types.Building.Runtime;

/// <summary>
/// Resolves the object type of a value for an interface or union by its CLR type: the runtime type, then its
/// base types, then its interfaces are looked up among the possible types; the answer is cached per CLR type.
/// </summary>
internal sealed class AbstractTypeResolver
{
    private readonly Dictionary<Type, ObjectType> _possible;
    private readonly ConcurrentDictionary<Type, ObjectType?> _cache = new();
    private readonly Func<Type, ObjectType?> _compute;

    public AbstractTypeResolver(IEnumerable<ObjectType> possibleTypes)
    {
        _possible = [];
        foreach (var o in possibleTypes)
        {
            if (o.RuntimeType is { } t)
            {
                _possible.TryAdd(t, o);
            }
        }
        _compute = Compute;
    }

    public ObjectType? Resolve(object value, Schema schema)
    {
        var type = value.GetType();
        return _cache.TryGetValue(type, out var result) ? result : _cache.GetOrAdd(type, _compute);
    }

    private ObjectType? Compute(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (_possible.TryGetValue(t, out var o))
            {
                return o;
            }
        }
        foreach (var i in type.GetInterfaces())
        {
            if (_possible.TryGetValue(i, out var o))
            {
                return o;
            }
        }
        return null;
    }
}
