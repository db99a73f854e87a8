using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Execution;

/// <summary>
/// A parsed (and, through GraphQLExecutor, validated) document with what execution derives from it
/// once: fragment lookup, operations, and root field plans that can be reused by later requests when the plans do
/// not depend on variables.
/// </summary>
internal sealed class PreparedDocument
{
    private readonly Dictionary<string, FragmentDefinitionNode>? _fragments;
    private readonly OperationDefinitionNode[] _operations;
    private (OperationDefinitionNode Operation, FieldPlan[] Plans)[] _rootPlans = [];
    private Dictionary<(SelectionSetNode, ObjectType), FieldPlan[]>? _subPlans;

    public PreparedDocument(DocumentNode document, IReadOnlyList<GraphQLError>? errors = null)
    {
        Document = document;
        Errors = errors;
        var definitions = document.Definitions;
        OperationDefinitionNode? single = null;
        List<OperationDefinitionNode>? several = null;
        for (var i = 0; i < definitions.Count; i++)
        {
            switch (definitions[i])
            {
                case OperationDefinitionNode operation:
                    if (single is null) single = operation;
                    else (several ??= [single]).Add(operation);
                    break;
                case FragmentDefinitionNode fragment:
                    (_fragments ??= new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal)).TryAdd(fragment.Name.Value, fragment);
                    break;
            }
        }
        _operations = several is not null ? [.. several] : single is not null ? [single] : [];
        PlansDependOnVariables = UsesVariablesInDirectives(document);
    }

    public DocumentNode Document { get; }

    /// <summary>Syntax or validation errors; the document must not be executed when set.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; }

    /// <summary>@skip/@include take a variable somewhere, so collected fields differ between requests.</summary>
    public bool PlansDependOnVariables { get; }

    /// <summary>The document is kept in a cache and executed again: plans are kept with it.</summary>
    public bool IsCached { get; init; }

    /// <summary>The ready request for the only operation of a cached document, reused by requests without an operation name.</summary>
    internal PreparedRequest? DefaultRequest;

    /// <summary>Field plans are kept with the document and shared by its executions.</summary>
    public bool SharesPlans => IsCached && !PlansDependOnVariables;

    /// <summary>
    /// Sub-selection plans by (selection set, object type), shared by every field whose single node has that
    /// selection set (e.g. all spreads of one fragment). Only used when plans do not depend on variables.
    /// </summary>
    internal FieldPlan[]? GetSubPlans(SelectionSetNode selectionSet, ObjectType type)
    {
        lock (this)
        {
            return _subPlans is not null && _subPlans.TryGetValue((selectionSet, type), out var plans) ? plans : null;
        }
    }

    internal void AddSubPlans(SelectionSetNode selectionSet, ObjectType type, FieldPlan[] plans)
    {
        lock (this)
        {
            (_subPlans ??= []).TryAdd((selectionSet, type), plans);
        }
    }

    public FragmentDefinitionNode? GetFragment(string name) => _fragments?.GetValueOrDefault(name);

    /// <summary>GetOperation (spec §6.1): the named operation, or the only one when no name is given.</summary>
    public OperationDefinitionNode? GetOperation(string? operationName, out GraphQLError? error)
    {
        error = null;
        if (string.IsNullOrEmpty(operationName))
        {
            if (_operations.Length == 1) return _operations[0];
            error = new GraphQLError(
                _operations.Length == 0 ? "Must provide an operation." : "Must provide operation name if query contains multiple operations.",
                code: ErrorCodes.OperationNotFound);
            return null;
        }
        foreach (var operation in _operations)
        {
            if (operation.Name?.Value == operationName) return operation;
        }
        error = new GraphQLError($"Unknown operation named \"{operationName}\".", code: ErrorCodes.OperationNotFound);
        return null;
    }

    internal FieldPlan[]? GetCachedRootPlans(OperationDefinitionNode operation)
    {
        var plans = _rootPlans;
        for (var i = 0; i < plans.Length; i++)
        {
            if (ReferenceEquals(plans[i].Operation, operation)) return plans[i].Plans;
        }
        return null;
    }

    internal void CacheRootPlans(OperationDefinitionNode operation, FieldPlan[] plans)
    {
        lock (this)
        {
            if (GetCachedRootPlans(operation) is null)
            {
                _rootPlans = [.. _rootPlans, (operation, plans)];
            }
        }
    }

    private static bool UsesVariablesInDirectives(DocumentNode document)
    {
        var definitions = document.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is ExecutableDefinitionNode executable && UsesVariables(executable.SelectionSet, 0)) return true;
        }
        return false;
    }

    private static bool UsesVariables(SelectionSetNode set, int depth)
    {
        if (depth > 512) return true;
        var selections = set.Selections;
        for (var s = 0; s < selections.Count; s++)
        {
            var selection = selections[s];
            var directives = selection.Directives;
            for (var d = 0; d < directives.Count; d++)
            {
                var arguments = directives[d].Arguments;
                for (var a = 0; a < arguments.Count; a++)
                {
                    if (arguments[a].Value is VariableNode) return true;
                }
            }
            var child = selection switch
            {
                FieldNode f => f.SelectionSet,
                InlineFragmentNode i => i.SelectionSet,
                _ => null,
            };
            if (child is not null && UsesVariables(child, depth + 1)) return true;
        }
        return false;
    }
}
