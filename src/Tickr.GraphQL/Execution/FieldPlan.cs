using System.Runtime.CompilerServices;
using System.Text.Json;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

internal enum FieldPlanKind : byte
{
    Field,
    TypeName,
}

/// <summary>
/// One entry of a collected field set (spec §6.3.2 CollectFields) for a given object type: the response key,
/// the merged field nodes, the field definition and caches that make repeated execution cheap (constant
/// arguments, the default resolver's getter, and the sub-selections collected per concrete type).
/// Plans are immutable once published apart from these caches, which tolerate benign races, so a plan tree
/// can be shared by concurrent requests when it does not depend on variables.
/// </summary>
internal sealed class FieldPlan
{
    // List<FieldNode> while collecting merged nodes; the IReadOnlyList of all nodes once asked for.
    private object? _extraNodes;
    private object? _encodedKey;
    private volatile SubPlan[]? _subPlans;
    private object? _constantArguments;

    public FieldPlan(FieldNode node, ObjectType parentType, OutputField? field, FieldPlanKind kind, bool shared)
    {
        Node = node;
        ParentType = parentType;
        Field = field;
        Kind = kind;
        Shared = shared;
    }

    public string ResponseKey => Node.Alias?.Value ?? Node.Name.Value;
    public FieldNode Node { get; }
    public ObjectType ParentType { get; }

    /// <summary>The field definition; null for <c>__typename</c>.</summary>
    public OutputField? Field { get; }
    public FieldPlanKind Kind { get; }

    /// <summary>The plan is reused by later requests (cached document), so per-plan caches pay off.</summary>
    public bool Shared { get; }

    /// <summary>Cache slot for the default resolver (see <see cref="DefaultResolver"/>).</summary>
    internal DefaultResolver.Getter? Getter;

    private FastPathCache? _fastPath;

    /// <summary>
    /// What the executor may shortcut for this field: a direct parent read instead of the resolver, and the leaf
    /// values the field's scalar serializes to themselves. Kept only on shared plans (and recomputed if the
    /// field's resolver or type changes); a per-request plan computes it on the fly rather than allocate.
    /// </summary>
    internal FastPath GetFastPath(OutputField field)
    {
        var cached = _fastPath;
        if (cached is not null && ReferenceEquals(cached.Value.Resolver, field.Resolver) && ReferenceEquals(cached.Value.Type, field.Type))
        {
            return cached.Value;
        }
        var resolver = field.Resolver;
        var type = field.Type;
        var created = new FastPath(resolver, type, resolver?.Target is ParentMemberResolver direct ? direct.Read : null, LeafKindOf(type));
        if (Shared)
        {
            _fastPath = new FastPathCache(created);
        }
        return created;
    }

    private sealed class FastPathCache(FastPath value)
    {
        public readonly FastPath Value = value;
    }

    private static LeafKind LeafKindOf(IGraphQLType type) => (type is NonNullType nonNull ? nonNull.OfType : type) switch
    {
        Types.Scalars.StringScalar or Types.Scalars.IdScalar => LeafKind.String,
        Types.Scalars.IntScalar => LeafKind.Int,
        Types.Scalars.FloatScalar => LeafKind.Float,
        Types.Scalars.BooleanScalar => LeafKind.Boolean,
        _ => LeafKind.None,
    };

    internal enum LeafKind : byte
    {
        None,
        String,
        Int,
        Float,
        Boolean,
    }

    internal readonly struct FastPath(FieldResolver? resolver, IGraphQLType type, Func<object?, object?>? read, LeafKind leaf)
    {
        public readonly FieldResolver? Resolver = resolver;
        public readonly IGraphQLType Type = type;
        public readonly Func<object?, object?>? Read = read;
        public readonly LeafKind Leaf = leaf;

        /// <summary>
        /// The value is already its own serialization for the field's built-in scalar (exactly what that scalar's
        /// TrySerialize returns unchanged), so completion is a store.
        /// </summary>
        public bool IsSerializedLeaf(object? value)
        {
            if (value is null) return false;
            var t = value.GetType();
            return Leaf switch
            {
                LeafKind.String => t == typeof(string),
                LeafKind.Int => t == typeof(int),
                LeafKind.Float => t == typeof(double) && double.IsFinite(Unsafe.Unbox<double>(value)),
                LeafKind.Boolean => t == typeof(bool),
                _ => false,
            };
        }
    }

    /// <summary>The response key pre-encoded for the JSON writer; only kept for shared plans.</summary>
    public JsonEncodedText? EncodedKey
    {
        get
        {
            if (!Shared) return null;
            if (_encodedKey is JsonEncodedText cached) return cached;
            var encoded = JsonEncodedText.Encode(ResponseKey, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
            _encodedKey = encoded;
            return encoded;
        }
    }

    public IReadOnlyList<FieldNode> Nodes
    {
        get
        {
            switch (_extraNodes)
            {
                case null:
                    IReadOnlyList<FieldNode> single = [Node];
                    _extraNodes = single;
                    return single;
                case List<FieldNode> more:
                    IReadOnlyList<FieldNode> all = [Node, .. more];
                    _extraNodes = all;
                    return all;
                default:
                    return (IReadOnlyList<FieldNode>)_extraNodes;
            }
        }
    }

    internal void AddNode(FieldNode node)
    {
        if (_extraNodes is not List<FieldNode> list)
        {
            _extraNodes = list = [];
        }
        list.Add(node);
    }

    internal bool HasMergedNodes => _extraNodes is List<FieldNode> || _extraNodes is IReadOnlyList<FieldNode> { Count: > 1 };

    /// <summary>The coerced arguments (cached when they depend on nothing but literals).</summary>
    public bool TryGetArguments(IReadOnlyDictionary<string, object?> variables, out IReadOnlyDictionary<string, object?> arguments, out GraphQLError? error)
    {
        var field = Field!;
        if (field.Arguments.Count == 0)
        {
            arguments = OrderedMap.Empty;
            error = null;
            return true;
        }
        if (_constantArguments is IReadOnlyDictionary<string, object?> cached)
        {
            arguments = cached;
            error = null;
            return true;
        }
        if (!InputCoercion.TryCoerceArgumentValues(field.Arguments, Node.Arguments, variables, Node, out arguments, out error))
        {
            return false;
        }
        if (_constantArguments is null)
        {
            _constantArguments = CanCacheArguments() ? arguments : false;
        }
        return true;
    }

    private bool CanCacheArguments()
    {
        // Only literal scalars and enums: their coerced values are immutable, so requests may share them.
        var arguments = Node.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Value is VariableNode or ListValueNode or ObjectValueNode) return false;
        }
        foreach (var definition in Field!.Arguments)
        {
            if (definition.Type.NamedType() is InputObjectType || definition.Type.IsList()) return false;
        }
        return true;
    }

    /// <summary>The fields of the sub-selection for a concrete object type, collected once per type.</summary>
    public FieldPlan[] GetSubPlans(ObjectType type, OperationContext context)
    {
        var cache = _subPlans;
        if (cache is not null)
        {
            for (var i = 0; i < cache.Length; i++)
            {
                if (ReferenceEquals(cache[i].Type, type)) return cache[i].Fields;
            }
        }

        var fields = context.CollectSubfields(type, this);
        var entry = new SubPlan(type, fields);
        _subPlans = cache is null ? [entry] : [.. cache, entry];
        return fields;
    }

    private sealed record SubPlan(ObjectType Type, FieldPlan[] Fields);
}
