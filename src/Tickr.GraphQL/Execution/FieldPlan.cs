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
    private List<FieldNode>? _moreNodes;
    private IReadOnlyList<FieldNode>? _allNodes;
    private JsonEncodedText? _encodedKey;
    private volatile SubPlan[]? _subPlans;
    private object? _constantArguments;

    public FieldPlan(string responseKey, FieldNode node, ObjectType parentType, OutputField? field, FieldPlanKind kind)
    {
        ResponseKey = responseKey;
        Node = node;
        ParentType = parentType;
        Field = field;
        Kind = kind;
    }

    public string ResponseKey { get; }
    public FieldNode Node { get; }
    public ObjectType ParentType { get; }

    /// <summary>The field definition; null for <c>__typename</c>.</summary>
    public OutputField? Field { get; }
    public FieldPlanKind Kind { get; }

    /// <summary>Cache slot for the default resolver (see <see cref="DefaultResolver"/>).</summary>
    internal DefaultResolver.Getter? Getter;

    public JsonEncodedText EncodedKey => _encodedKey ??= JsonEncodedText.Encode(ResponseKey, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    public IReadOnlyList<FieldNode> Nodes
    {
        get
        {
            if (_moreNodes is null) return _allNodes ??= [Node];
            return _allNodes ??= [Node, .. _moreNodes];
        }
    }

    internal void AddNode(FieldNode node) => (_moreNodes ??= []).Add(node);

    internal bool HasMergedNodes => _moreNodes is not null;
    internal List<FieldNode>? MoreNodes => _moreNodes;

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
        foreach (var argument in Node.Arguments)
        {
            if (argument.Value is VariableNode or ListValueNode or ObjectValueNode) return false;
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

        var fields = FieldCollector.CollectSubfields(context, type, this);
        var entry = new SubPlan(type, fields);
        _subPlans = cache is null ? [entry] : [.. cache, entry];
        return fields;
    }

    private sealed record SubPlan(ObjectType Type, FieldPlan[] Fields);
}
