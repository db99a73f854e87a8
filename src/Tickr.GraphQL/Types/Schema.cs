namespace Tickr.GraphQL.Types;

/// <summary>
/// An executable schema: root types, every named type reachable from them, and directives.
/// Built once and then read concurrently by any number of requests.
/// </summary>
public sealed partial class Schema
{
    private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DirectiveType> _directives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectType[]> _possibleTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _possibleNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceType[]> _interfaceImplementors = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a schema. Types reachable from the roots and from <paramref name="additionalTypes"/> are collected;
    /// the built-in scalars and directives (@skip, @include, @deprecated, @specifiedBy, @oneOf) are always present.
    /// </summary>
    public Schema(
        ObjectType query,
        ObjectType? mutation = null,
        ObjectType? subscription = null,
        IEnumerable<NamedType>? additionalTypes = null,
        IEnumerable<DirectiveType>? directives = null,
        string? description = null)
    {
        QueryType = query;
        MutationType = mutation;
        SubscriptionType = subscription;
        Description = description;
        Initialize(additionalTypes ?? [], directives ?? []);
    }

    public string? Description { get; }
    public ObjectType QueryType { get; }
    public ObjectType? MutationType { get; }
    public ObjectType? SubscriptionType { get; }
    public IReadOnlyDictionary<string, NamedType> Types => _types;
    public IReadOnlyDictionary<string, DirectiveType> Directives => _directives;

    /// <summary>Directives applied to the schema itself (schema { } @dir).</summary>
    public IList<Language.Ast.DirectiveNode> AppliedDirectives { get; } = new List<Language.Ast.DirectiveNode>();

    /// <summary>Free-form data for integrations (e.g. the service provider the schema was built with).</summary>
    public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>();

    public NamedType? GetType(string name) => _types.GetValueOrDefault(name);
    public DirectiveType? GetDirective(string name) => _directives.GetValueOrDefault(name);

    public ObjectType? GetRootType(Language.Ast.OperationType operation) => operation switch
    {
        Language.Ast.OperationType.Query => QueryType,
        Language.Ast.OperationType.Mutation => MutationType,
        _ => SubscriptionType,
    };

    /// <summary>The object types an abstract type (interface or union) may be at runtime.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) =>
        _possibleTypes.TryGetValue(abstractType.Name, out var list) ? list : [];

    /// <summary>Interfaces that declare they implement the given interface.</summary>
    public IReadOnlyList<InterfaceType> GetImplementingInterfaces(InterfaceType type) =>
        _interfaceImplementors.TryGetValue(type.Name, out var list) ? list : [];

    /// <summary>True if <paramref name="objectType"/> is a possible type of <paramref name="abstractType"/>.</summary>
    public bool IsPossibleType(NamedType abstractType, ObjectType objectType) =>
        _possibleNames.TryGetValue(abstractType.Name, out var set) && set.Contains(objectType.Name);

    /// <summary>
    /// True if <paramref name="maybeSubType"/> is <paramref name="superType"/> or one of its possible/implementing types.
    /// </summary>
    public bool IsSubType(NamedType superType, NamedType maybeSubType)
    {
        if (ReferenceEquals(superType, maybeSubType))
        {
            return true;
        }
        return superType switch
        {
            UnionType u => maybeSubType is ObjectType o && IsPossibleType(u, o),
            InterfaceType i => maybeSubType switch
            {
                ObjectType o => IsPossibleType(i, o),
                InterfaceType sub => GetImplementingInterfaces(i).Contains(sub),
                _ => false,
            },
            _ => false,
        };
    }

    private void Initialize(IEnumerable<NamedType> additionalTypes, IEnumerable<DirectiveType> directives)
    {
        foreach (var d in BuiltInDirectives.All)
        {
            _directives[d.Name] = d;
        }
        foreach (var d in directives)
        {
            _directives[d.Name] = d;
        }

        var queue = new Queue<NamedType>();
        void Visit(IGraphQLType t)
        {
            var named = t.NamedType();
            if (_types.TryGetValue(named.Name, out var existing))
            {
                if (!ReferenceEquals(existing, named))
                {
                    throw new InvalidOperationException($"Schema must contain uniquely named types but contains multiple types named \"{named.Name}\".");
                }
                return;
            }
            _types.Add(named.Name, named);
            queue.Enqueue(named);
        }

        Visit(QueryType);
        if (MutationType is not null) Visit(MutationType);
        if (SubscriptionType is not null) Visit(SubscriptionType);
        foreach (var t in additionalTypes) Visit(t);
        foreach (var d in _directives.Values)
        {
            foreach (var a in d.Arguments) Visit(a.Type);
        }
        foreach (var s in BuiltInScalars.Introspected) Visit(s);
        foreach (var t in Introspection.IntrospectionTypes.All) Visit(t);

        while (queue.Count > 0)
        {
            switch (queue.Dequeue())
            {
                case IComplexOutputType c:
                    foreach (var i in c.Interfaces) Visit(i);
                    foreach (var f in c.Fields)
                    {
                        Visit(f.Type);
                        foreach (var a in f.Arguments) Visit(a.Type);
                    }
                    break;
                case UnionType u:
                    foreach (var m in u.Types) Visit(m);
                    break;
                case InputObjectType io:
                    foreach (var f in io.Fields) Visit(f.Type);
                    break;
            }
        }

        var possible = new Dictionary<string, List<ObjectType>>(StringComparer.Ordinal);
        var implementors = new Dictionary<string, List<InterfaceType>>(StringComparer.Ordinal);
        foreach (var t in _types.Values)
        {
            switch (t)
            {
                case ObjectType o:
                    foreach (var i in o.Interfaces) Add(possible, i.Name, o);
                    break;
                case InterfaceType it:
                    foreach (var i in it.Interfaces) Add(implementors, i.Name, it);
                    break;
                case UnionType u:
                    foreach (var m in u.Types) Add(possible, u.Name, m);
                    break;
            }
        }
        foreach (var (k, v) in possible)
        {
            _possibleTypes[k] = [.. v];
            _possibleNames[k] = new HashSet<string>(v.Select(o => o.Name), StringComparer.Ordinal);
        }
        foreach (var (k, v) in implementors)
        {
            _interfaceImplementors[k] = [.. v];
        }

        static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }
            if (!list.Contains(value)) list.Add(value);
        }
    }
}
