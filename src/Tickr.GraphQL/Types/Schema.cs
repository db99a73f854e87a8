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
        var errors = SchemaValidator.Validate(this);
        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }
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

    /// <summary>Every named type in graphql-js type-map order (what introspection lists and SDL prints).</summary>
    public IReadOnlyList<NamedType> AllTypes => _typeList;

    /// <summary>Every directive: custom ones in the order given, then the built-ins not redefined.</summary>
    public IReadOnlyList<DirectiveType> AllDirectives => _directiveList;

    private readonly List<NamedType> _typeList = [];
    private DirectiveType[] _directiveList = [];

    /// <summary>Introspection's cached <c>__schema.types</c> / <c>directives</c> lists.</summary>
    internal object? IntrospectionCache;

    private void Initialize(IEnumerable<NamedType> additionalTypes, IEnumerable<DirectiveType> directives)
    {
        // Directive order mirrors graphql-js buildASTSchema: the schema's own directives, then the specified ones
        // it did not redefine.
        var directiveList = new List<DirectiveType>();
        foreach (var d in directives)
        {
            if (_directives.TryAdd(d.Name, d))
            {
                directiveList.Add(d);
            }
            else if (!ReferenceEquals(_directives[d.Name], d))
            {
                throw new SchemaException([new GraphQLError($"Schema must contain uniquely named directives but contains multiple directives named \"@{d.Name}\".")]);
            }
        }
        foreach (var d in BuiltInDirectives.All)
        {
            if (_directives.TryAdd(d.Name, d))
            {
                directiveList.Add(d);
            }
        }
        _directiveList = [.. directiveList];

        // Type order mirrors graphql-js GraphQLSchema: the additional types first (each followed by the types first
        // reached from it, depth first), then those reached from the roots, the directive arguments and __Schema.
        var extra = new List<NamedType>(additionalTypes);
        var pending = new HashSet<NamedType>(ReferenceEqualityComparer.Instance);
        foreach (var t in extra) pending.Add(t);
        foreach (var t in extra)
        {
            pending.Remove(t);
            Collect(t, pending);
        }
        Collect(QueryType, pending);
        if (MutationType is not null) Collect(MutationType, pending);
        if (SubscriptionType is not null) Collect(SubscriptionType, pending);
        foreach (var d in _directiveList)
        {
            foreach (var a in d.Arguments) Collect(a.Type.NamedType(), pending);
        }
        foreach (var t in Introspection.IntrospectionTypes.All) Collect(t, pending);
        foreach (var s in BuiltInScalars.Introspected) Collect(s, pending);

        var possible = new Dictionary<string, List<ObjectType>>(StringComparer.Ordinal);
        var implementors = new Dictionary<string, List<InterfaceType>>(StringComparer.Ordinal);
        foreach (var t in _typeList)
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
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in v) names.Add(o.Name);
            _possibleNames[k] = names;
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

    /// <summary>
    /// Adds <paramref name="root"/> and every type reachable from it, depth first in declaration order
    /// (interfaces, then each field's type and its arguments' types), as graphql-js collectReferencedTypes does;
    /// an explicit stack keeps deep schemas from overflowing the call stack.
    /// </summary>
    private void Collect(NamedType root, HashSet<NamedType> pending)
    {
        var stack = new Stack<IEnumerator<NamedType>>();
        if (!TryAddType(root, pending)) return;
        stack.Push(References(root).GetEnumerator());
        while (stack.Count > 0)
        {
            var it = stack.Peek();
            if (!it.MoveNext())
            {
                stack.Pop().Dispose();
                continue;
            }
            var next = it.Current;
            if (TryAddType(next, pending))
            {
                stack.Push(References(next).GetEnumerator());
            }
        }
    }

    private bool TryAddType(NamedType type, HashSet<NamedType> pending)
    {
        if (pending.Contains(type)) return false;
        if (_types.TryGetValue(type.Name, out var existing))
        {
            if (!ReferenceEquals(existing, type))
            {
                throw new SchemaException([new GraphQLError($"Schema must contain uniquely named types but contains multiple types named \"{type.Name}\".")]);
            }
            return false;
        }
        _types.Add(type.Name, type);
        _typeList.Add(type);
        return true;
    }

    private static IEnumerable<NamedType> References(NamedType type)
    {
        switch (type)
        {
            case UnionType u:
                foreach (var m in u.Types) yield return m;
                break;
            case IComplexOutputType c:
                foreach (var i in c.Interfaces) yield return i;
                foreach (var f in c.Fields)
                {
                    yield return f.Type.NamedType();
                    foreach (var a in f.Arguments) yield return a.Type.NamedType();
                }
                break;
            case InputObjectType io:
                foreach (var f in io.Fields) yield return f.Type.NamedType();
                break;
        }
    }
}
