using System.Reflection;
using Tickr.GraphQL.Types.Building.Runtime;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// One schema build: discovers the GraphQL types behind the registered CLR types, builds their fields and
/// compiles resolvers, links interfaces/unions to their implementations and finally creates the <see cref="Schema"/>.
/// Field lists are filled through a work queue so self-referencing and mutually recursive types are fine.
/// </summary>
internal sealed partial class CodeFirstSchemaFactory
{
    private const string DefaultDeprecationReason = "No longer supported";

    private readonly SchemaBuilder _builder;
    private readonly SchemaBuilderOptions _options;
    private readonly NullabilityReader _nullability = new();
    private readonly XmlDocumentation? _xml;

    private readonly Dictionary<Type, NamedType> _output = [];
    private readonly Dictionary<Type, NamedType> _input = [];
    private readonly Dictionary<string, (NamedType Type, string Origin)> _names = new(StringComparer.Ordinal);
    private readonly List<NamedType> _all = [];
    private readonly Queue<Action> _work = new();
    private readonly List<ObjectType> _objects = [];
    private readonly List<InterfaceType> _interfaces = [];
    private readonly List<(UnionType Union, Type Marker)> _unions = [];
    private readonly Dictionary<OutputField, FieldSource> _fieldSources = [];
    private readonly Dictionary<Type, object> _resolverInstances = [];
    private readonly Dictionary<string, HashSet<string>> _ignoredFields = new(StringComparer.Ordinal);
    private readonly List<ExtensionRegistration> _pendingExtensions = [];
    private readonly Dictionary<MemberInfo, List<MemberInfo>> _attributeSources = [];

    private ObjectType? _query;
    private ObjectType? _mutation;
    private ObjectType? _subscription;

    public CodeFirstSchemaFactory(SchemaBuilder builder)
    {
        _builder = builder;
        _options = builder.Options;
        if (_options.UseXmlDocumentation || builder.XmlDocumentationFiles.Count > 0)
        {
            _xml = new XmlDocumentation(loadNextToAssemblies: _options.UseXmlDocumentation);
            foreach (var file in builder.XmlDocumentationFiles)
            {
                _xml.AddFile(file);
            }
        }
        InitializeScalars();
    }

    public Schema Create()
    {
        var b = _builder;
        _query = b.Query is { } q ? CreateRoot(q, _options.QueryTypeName, subscription: false) : null;
        _mutation = b.Mutation is { } m ? CreateRoot(m, _options.MutationTypeName, subscription: false) : null;
        _subscription = b.Subscription is { } s ? CreateRoot(s, _options.SubscriptionTypeName, subscription: true) : null;

        foreach (var named in b.NamedTypes)
        {
            RegisterName(named, $"the type {named.Name} added with AddType");
        }

        foreach (var ext in b.Extensions)
        {
            AddExtension(ext, explicitExtension: true);
        }
        foreach (var type in b.Types)
        {
            if (!AddExtension(type, explicitExtension: false))
            {
                GetOutputType(type, $"the type {type.FullName} added with AddType");
            }
        }

        if (_query is null)
        {
            throw new SchemaBuildException("The schema has no query type: call AddQueryType<T>() (or AddQueryType() with [QueryType] extensions).");
        }

        Complete();
        Validate();
        AssignTypeResolvers();

        // Only types the roots do not reach are "additional": the schema then lists types in the natural
        // order of the roots (graphql-js puts additional types first).
        var reachable = Reachable(b.Directives);
        var additional = new List<NamedType>();
        foreach (var t in _all)
        {
            if (!reachable.Contains(t))
            {
                additional.Add(t);
            }
        }
        try
        {
            return new Schema(_query, _mutation, _subscription, additional, b.Directives, _options.Description);
        }
        catch (Exception e) when (e is SchemaException or InvalidOperationException)
        {
            throw new SchemaBuildException($"The schema built from C# types is invalid: {e.Message}", e);
        }
    }

    private HashSet<NamedType> Reachable(IEnumerable<DirectiveType> directives)
    {
        var seen = new HashSet<NamedType>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<NamedType>();
        void Push(IGraphQLType t)
        {
            var n = t.NamedType();
            if (seen.Add(n)) stack.Push(n);
        }
        Push(_query!);
        if (_mutation is not null) Push(_mutation);
        if (_subscription is not null) Push(_subscription);
        foreach (var d in directives)
        {
            foreach (var a in d.Arguments) Push(a.Type);
        }
        while (stack.TryPop(out var t))
        {
            switch (t)
            {
                case IComplexOutputType c:
                    foreach (var i in c.Interfaces) Push(i);
                    foreach (var f in c.Fields)
                    {
                        Push(f.Type);
                        foreach (var a in f.Arguments) Push(a.Type);
                    }
                    break;
                case UnionType u:
                    foreach (var m in u.Types) Push(m);
                    break;
                case InputObjectType io:
                    foreach (var f in io.Fields) Push(f.Type);
                    break;
            }
        }
        return seen;
    }

    private ObjectType CreateRoot(RootRegistration registration, string name, bool subscription)
    {
        var clr = registration.ClrType;
        var type = new ObjectType(name) { RuntimeType = clr };
        RegisterName(type, clr is null ? $"the root type {name}" : $"the root type {clr.FullName}");
        _objects.Add(type);
        if (clr is not null)
        {
            if (clr.IsValueType)
            {
                throw new SchemaBuildException($"The root type {clr.FullName} must be a class.");
            }
            type.Description = Description(clr);
            _output[clr] = type;
            _work.Enqueue(() => AddMembersAsFields(type, clr, MemberOwner.Instance, subscription));
        }
        return type;
    }

    /// <summary>Registers a type extension; false when <paramref name="type"/> is no extension at all.</summary>
    private bool AddExtension(Type type, bool explicitExtension)
    {
        var any = false;
        if (type.IsDefined(typeof(QueryTypeAttribute), false))
        {
            _query ??= CreateRoot(new RootRegistration(null), _options.QueryTypeName, subscription: false);
            _pendingExtensions.Add(new ExtensionRegistration(type, null, _options.QueryTypeName));
            any = true;
        }
        if (type.IsDefined(typeof(MutationTypeAttribute), false))
        {
            _mutation ??= CreateRoot(new RootRegistration(null), _options.MutationTypeName, subscription: false);
            _pendingExtensions.Add(new ExtensionRegistration(type, null, _options.MutationTypeName));
            any = true;
        }
        if (type.IsDefined(typeof(SubscriptionTypeAttribute), false))
        {
            _subscription ??= CreateRoot(new RootRegistration(null), _options.SubscriptionTypeName, subscription: true);
            _pendingExtensions.Add(new ExtensionRegistration(type, null, _options.SubscriptionTypeName));
            any = true;
        }
        foreach (var attr in type.GetCustomAttributes<ExtendObjectTypeAttribute>(false))
        {
            var targetName = attr.Name ?? TypeName(attr.ExtendsType!);
            _pendingExtensions.Add(new ExtensionRegistration(type, attr.ExtendsType, targetName));
            if (attr.IgnoreFields.Length > 0)
            {
                if (!_ignoredFields.TryGetValue(targetName, out var set))
                {
                    _ignoredFields[targetName] = set = new HashSet<string>(StringComparer.Ordinal);
                }
                set.UnionWith(attr.IgnoreFields);
            }
            any = true;
        }
        if (!any && explicitExtension)
        {
            throw new SchemaBuildException(
                $"The type extension {type.FullName} needs [ExtendObjectType(...)], [QueryType], [MutationType] or [SubscriptionType].");
        }
        return any;
    }

    /// <summary>Runs the work queue, applies extensions and links abstract types until nothing changes.</summary>
    private void Complete()
    {
        bool progress;
        do
        {
            Drain();
            progress = false;
            for (var i = 0; i < _pendingExtensions.Count; i++)
            {
                if (TryApplyExtension(_pendingExtensions[i]))
                {
                    _pendingExtensions.RemoveAt(i--);
                    progress = true;
                }
            }
            Drain();
            progress |= LinkAbstractTypes();
        }
        while (progress || _work.Count > 0);

        if (_pendingExtensions.Count > 0)
        {
            var e = _pendingExtensions[0];
            throw new SchemaBuildException($"The type extension {e.ClrType.FullName} extends the type '{e.TargetName}', which is not in the schema.");
        }
    }

    private void Drain()
    {
        while (_work.TryDequeue(out var item))
        {
            item();
        }
    }

    private bool TryApplyExtension(ExtensionRegistration ext)
    {
        NamedType? target;
        if (ext.TargetType is { } t)
        {
            target = GetOutputType(t, $"the extension {ext.ClrType.FullName}");
        }
        else
        {
            target = _names.TryGetValue(ext.TargetName, out var entry) ? entry.Type : null;
            if (target is null)
            {
                return false;
            }
        }
        if (target is not IComplexOutputType complex)
        {
            throw new SchemaBuildException(
                $"The type extension {ext.ClrType.FullName} extends '{target.Name}', which is not an object or interface type.");
        }
        AddMembersAsFields(complex, ext.ClrType, MemberOwner.Instance, subscription: target == _subscription);
        return true;
    }

    /// <summary>
    /// Gives every object type the interfaces its CLR type implements (and unions their members); object types
    /// also receive interface fields they lack (explicit implementations, fields added by interface extensions).
    /// </summary>
    private bool LinkAbstractTypes()
    {
        var progress = false;
        foreach (var (union, marker) in _unions)
        {
            for (var i = 0; i < _objects.Count; i++)
            {
                var o = _objects[i];
                if (o.RuntimeType is { } rt && marker.IsAssignableFrom(rt) && !union.Types.Contains(o))
                {
                    union.Types.Add(o);
                    progress = true;
                }
            }
        }
        foreach (var iface in _interfaces)
        {
            var it = iface.RuntimeType!;
            for (var i = 0; i < _objects.Count; i++)
            {
                var o = _objects[i];
                if (o.RuntimeType is { } rt && rt != it && it.IsAssignableFrom(rt) && !o.Interfaces.Contains(iface))
                {
                    o.Interfaces.Add(iface);
                    progress = true;
                }
            }
            foreach (var other in _interfaces)
            {
                if (other != iface && it.IsAssignableFrom(other.RuntimeType!) && !other.Interfaces.Contains(iface))
                {
                    other.Interfaces.Add(iface);
                    progress = true;
                }
            }
        }
        for (var i = 0; i < _objects.Count; i++)
        {
            progress |= CopyInterfaceFields(_objects[i]);
        }
        foreach (var iface in _interfaces)
        {
            progress |= CopyInterfaceFields(iface);
        }
        return progress;
    }

    private bool CopyInterfaceFields(IComplexOutputType type)
    {
        var progress = false;
        foreach (var iface in type.Interfaces)
        {
            for (var i = 0; i < iface.Fields.Count; i++)
            {
                var f = iface.Fields[i];
                if (!type.Fields.Contains(f.Name) && _fieldSources.TryGetValue(f, out var source))
                {
                    AddField(type, source);
                    progress = true;
                }
            }
        }
        return progress;
    }

    private void Validate()
    {
        foreach (var t in _all)
        {
            switch (t)
            {
                case IComplexOutputType c when c.Fields.Count == 0:
                    throw new SchemaBuildException($"The type '{t.Name}' ({Origin(t)}) has no fields: GraphQL object and interface types need at least one.");
                case UnionType { Types.Count: 0 } u:
                    throw new SchemaBuildException($"The union '{u.Name}' ({Origin(t)}) has no member types: no class implementing it was found.");
                case InputObjectType { Fields.Count: 0 } io:
                    throw new SchemaBuildException($"The input type '{io.Name}' ({Origin(t)}) has no fields.");
            }
        }
    }

    private void AssignTypeResolvers()
    {
        foreach (var (union, _) in _unions)
        {
            union.ResolveType = new AbstractTypeResolver(union.Types).Resolve;
        }
        foreach (var iface in _interfaces)
        {
            var possible = new List<ObjectType>();
            foreach (var o in _objects)
            {
                if (o.Interfaces.Contains(iface))
                {
                    possible.Add(o);
                }
            }
            iface.ResolveType = new AbstractTypeResolver(possible).Resolve;
        }
    }

    private void RegisterName(NamedType type, string origin)
    {
        if (!NameConventions.IsValidName(type.Name) || type.Name.StartsWith("__", StringComparison.Ordinal))
        {
            throw new SchemaBuildException($"'{type.Name}' ({origin}) is not a valid GraphQL type name.");
        }
        if (_names.TryGetValue(type.Name, out var existing))
        {
            if (ReferenceEquals(existing.Type, type))
            {
                return;
            }
            throw new SchemaBuildException(
                $"The GraphQL type name '{type.Name}' is used twice: by {existing.Origin} and by {origin}. Rename one with [GraphQLName].");
        }
        _names.Add(type.Name, (type, origin));
        _all.Add(type);
    }

    private string Origin(NamedType type) => _names.TryGetValue(type.Name, out var e) ? e.Origin : type.Name;

    private static string Where(MemberInfo member) => $"{member.DeclaringType?.FullName}.{member.Name}";

    private static string Where(ParameterInfo parameter) => $"parameter '{parameter.Name}' of {Where(parameter.Member)}";

    private string? Description(Type type) =>
        type.GetCustomAttribute<GraphQLDescriptionAttribute>(false)?.Description ?? _xml?.GetSummary(type);

    private string? Description(MemberInfo member) =>
        member.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description ?? _xml?.GetSummary(member);

    private string? Description(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description ?? _xml?.GetSummary(parameter);

    private static string? DeprecationReason(ICustomAttributeProvider provider)
    {
        foreach (var a in provider.GetCustomAttributes(true))
        {
            switch (a)
            {
                case GraphQLDeprecatedAttribute d:
                    return d.Reason ?? DefaultDeprecationReason;
                case ObsoleteAttribute o:
                    return string.IsNullOrEmpty(o.Message) ? DefaultDeprecationReason : o.Message;
            }
        }
        return null;
    }

    /// <summary>Who provides the object a member is called on.</summary>
    private enum MemberOwner
    {
        /// <summary>The parent value (<c>context.Parent</c>): plain CLR objects.</summary>
        Parent,

        /// <summary>A resolver class instance (root types, extensions): from the services or one per schema.</summary>
        Instance,
    }

    /// <summary>Where a field came from, kept so the field can be rebuilt for implementing types.</summary>
    private sealed record FieldSource(MemberInfo Member, MemberOwner Owner, Type ClassType, bool Subscription);

    private sealed record ExtensionRegistration(Type ClrType, Type? TargetType, string TargetName);
}
