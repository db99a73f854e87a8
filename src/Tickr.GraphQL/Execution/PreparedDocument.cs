using Tickr.GraphQL.Language.Ast;

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
    private readonly object _planLock = new();
    private (OperationDefinitionNode Operation, FieldPlan[] Plans)[] _rootPlans = [];

    public PreparedDocument(DocumentNode document, IReadOnlyList<GraphQLError>? errors = null)
    {
        Document = document;
        Errors = errors;
        var operations = new List<OperationDefinitionNode>(1);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case OperationDefinitionNode operation:
                    operations.Add(operation);
                    break;
                case FragmentDefinitionNode fragment:
                    (_fragments ??= new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal)).TryAdd(fragment.Name.Value, fragment);
                    break;
            }
        }
        _operations = [.. operations];
        PlansDependOnVariables = UsesVariablesInDirectives(document);
    }

    public DocumentNode Document { get; }

    /// <summary>Syntax or validation errors; the document must not be executed when set.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; }

    /// <summary>@skip/@include take a variable somewhere, so collected fields differ between requests.</summary>
    public bool PlansDependOnVariables { get; }

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
        lock (_planLock)
        {
            if (GetCachedRootPlans(operation) is null)
            {
                _rootPlans = [.. _rootPlans, (operation, plans)];
            }
        }
    }

    private static bool UsesVariablesInDirectives(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode executable && UsesVariables(executable.SelectionSet, 0)) return true;
        }
        return false;
    }

    private static bool UsesVariables(SelectionSetNode set, int depth)
    {
        if (depth > 512) return true;
        foreach (var selection in set.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                foreach (var argument in directive.Arguments)
                {
                    if (argument.Value is VariableNode) return true;
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
