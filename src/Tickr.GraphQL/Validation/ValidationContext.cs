using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation;

/// <summary>
/// What a rule sees while the document is walked: the schema, the document, the type information at the current
/// node (graphql-js TypeInfo) and document-wide facts such as fragments and variable usages. Errors are reported
/// here; validation stops once <see cref="ValidationOptions.MaxErrors"/> is reached.
/// </summary>
public sealed class ValidationContext
{
    private readonly List<DefinitionEntry> _definitions = [];
    private readonly Dictionary<string, int> _fragmentIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<OperationDefinitionNode, List<FragmentDefinitionNode>> _recursiveFragments = [];
    private List<GraphQLError>? _errors;
    private Schema? _schema;
    private DocumentNode? _document;
    private SchemaInfo? _schemaInfo;

    internal ValidationContext() { }

    public Schema Schema => _schema!;
    public DocumentNode Document => _document!;
    public ValidationOptions Options { get; private set; } = ValidationOptions.Default;

    /// <summary>The composite type whose selection set is being walked (null when unknown or not composite).</summary>
    public NamedType? ParentType { get; internal set; }

    /// <summary>The output type at the current node: the field's type, a type condition or the root type.</summary>
    public IGraphQLType? Type { get; internal set; }

    /// <summary>The definition of the current field (meta fields included), or null when unknown.</summary>
    public OutputField? FieldDefinition { get; internal set; }

    /// <summary>The directive being walked, when its definition is known.</summary>
    public DirectiveType? Directive { get; internal set; }

    /// <summary>Where the current directive is applied (valid inside directive callbacks).</summary>
    public DirectiveLocation DirectiveLocation { get; internal set; }

    /// <summary>The definition of the argument being walked (of the directive when inside one, else of the field).</summary>
    public InputValue? Argument { get; internal set; }

    /// <summary>The input type expected at the current value, or null when unknown.</summary>
    public IGraphQLType? InputType { get; internal set; }

    /// <summary>The input type enclosing <see cref="InputType"/> (a list or an input object), if any.</summary>
    public IGraphQLType? ParentInputType { get; internal set; }

    /// <summary>The default value of the current argument or input field position, or null when it has none.</summary>
    public ValueNode? DefaultValue { get; internal set; }

    /// <summary>The operation or fragment definition being walked.</summary>
    public ExecutableDefinitionNode? Definition { get; internal set; }

    internal int DefinitionIndex { get; set; } = -1;
    internal SchemaInfo SchemaInfo => _schemaInfo!;
    internal int ErrorCount => _errors?.Count ?? 0;

    /// <summary>The field definition for a name on a type, including the meta fields (spec §4.1).</summary>
    public OutputField? GetFieldDefinition(NamedType parentType, string fieldName) => SchemaInfo.GetFieldDef(parentType, fieldName);

    /// <summary>The schema type an AST type reference denotes, or null when a named type in it is unknown.</summary>
    public IGraphQLType? GetTypeFromAst(TypeNode node) => SchemaInfo.TypeFromAst(node);

    /// <summary>The fragment definition with that name (the first one when the name is defined twice).</summary>
    public FragmentDefinitionNode? GetFragment(string name) =>
        _fragmentIndex.TryGetValue(name, out var i) ? (FragmentDefinitionNode)_definitions[i].Node : null;

    /// <summary>All operation and fragment definitions of the document, in document order.</summary>
    public int DefinitionCount => _definitions.Count;

    public ExecutableDefinitionNode GetDefinition(int index) => _definitions[index].Node;

    /// <summary>
    /// The fragment spreads inside a selection set, at any depth, without entering fragments
    /// (graphql-js <c>getFragmentSpreads</c>).
    /// </summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(ExecutableDefinitionNode definition)
    {
        var index = IndexOf(definition);
        if (index < 0)
        {
            return CollectSpreads(definition.SelectionSet);
        }
        var def = _definitions[index];
        if (def.Spreads is null)
        {
            def.Spreads = CollectSpreads(definition.SelectionSet);
            _definitions[index] = def;
        }
        return def.Spreads;
    }

    private static List<FragmentSpreadNode> CollectSpreads(SelectionSetNode root)
    {
        var spreads = new List<FragmentSpreadNode>();
        var pending = new Stack<SelectionSetNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var set = pending.Pop();
            for (var i = 0; i < set.Selections.Count; i++)
            {
                switch (set.Selections[i])
                {
                    case FieldNode { SelectionSet: { } sub }: pending.Push(sub); break;
                    case InlineFragmentNode inline: pending.Push(inline.SelectionSet); break;
                    case FragmentSpreadNode spread: spreads.Add(spread); break;
                }
            }
        }
        return spreads;
    }

    /// <summary>Every fragment an operation spreads, directly or through other fragments, each once.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_fragmentIndex.Count == 0)
        {
            return [];
        }
        if (_recursiveFragments.TryGetValue(operation, out var cached))
        {
            return cached;
        }
        var result = new List<FragmentDefinitionNode>();
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<ExecutableDefinitionNode>();
            pending.Push(operation);
            while (pending.Count > 0)
            {
                var spreads = GetFragmentSpreads(pending.Pop());
                for (var i = 0; i < spreads.Count; i++)
                {
                    var name = spreads[i].Name.Value;
                    if (seen.Add(name) && GetFragment(name) is { } fragment)
                    {
                        result.Add(fragment);
                        pending.Push(fragment);
                    }
                }
            }
        }
        _recursiveFragments[operation] = result;
        return result;
    }

    /// <summary>
    /// The variable usages recorded while walking a definition, with the type expected at each. Complete once the
    /// definition has been left (use it from <see cref="ValidationVisitor.LeaveDocument"/> for fragments).
    /// </summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition)
    {
        var index = IndexOf(definition);
        return index >= 0 && _definitions[index].Usages is { } usages ? usages : Array.Empty<VariableUsage>();
    }

    /// <summary>
    /// Usages in an operation and in every fragment it references recursively. Complete in
    /// <see cref="ValidationVisitor.LeaveDocument"/>.
    /// </summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        var own = GetVariableUsages(operation);
        var fragments = GetRecursivelyReferencedFragments(operation);
        if (fragments.Count == 0)
        {
            return own;
        }
        var usages = new List<VariableUsage>(own);
        for (var i = 0; i < fragments.Count; i++)
        {
            usages.AddRange(GetVariableUsages(fragments[i]));
        }
        return usages;
    }

    /// <summary>Reports a spec validation error (code GRAPHQL_VALIDATION_FAILED) at the given nodes.</summary>
    public void ReportError(string message, SyntaxNode? node) =>
        ReportError(new GraphQLError(message, GraphQLError.At(node), code: ErrorCodes.ValidationFailed));

    public void ReportError(string message, SyntaxNode? node1, SyntaxNode? node2) =>
        ReportError(new GraphQLError(message, GraphQLError.At(node1, node2), code: ErrorCodes.ValidationFailed));

    public void ReportError(string message, IReadOnlyList<SyntaxNode> nodes, string code = ErrorCodes.ValidationFailed)
    {
        List<SourceLocation>? locations = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Location is { } loc)
            {
                (locations ??= []).Add(new SourceLocation(loc.Line, loc.Column));
            }
        }
        ReportError(new GraphQLError(message, locations, code: code));
    }

    /// <summary>Adds an error; once the error limit is reached, validation is aborted.</summary>
    public void ReportError(GraphQLError error)
    {
        var errors = _errors ??= [];
        errors.Add(error);
        if (errors.Count >= Options.MaxErrors)
        {
            errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted.", code: ErrorCodes.ValidationFailed));
            throw new ValidationAbortedException();
        }
    }

    internal void AddErrorUnchecked(GraphQLError error) => (_errors ??= []).Add(error);

    internal void Begin(Schema schema, DocumentNode document, ValidationOptions options)
    {
        _schema = schema;
        _document = document;
        _schemaInfo = SchemaInfo.For(schema);
        Options = options;
        var definitions = document.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is ExecutableDefinitionNode executable)
            {
                if (executable is FragmentDefinitionNode fragment)
                {
                    _fragmentIndex.TryAdd(fragment.Name.Value, _definitions.Count);
                }
                _definitions.Add(new DefinitionEntry { Node = executable });
            }
        }
    }

    internal IReadOnlyList<GraphQLError> TakeErrors()
    {
        IReadOnlyList<GraphQLError> result = _errors is { Count: > 0 } e ? e : Array.Empty<GraphQLError>();
        _errors = null;
        return result;
    }

    /// <summary>Forgets the document so a pooled context holds no reference to it.</summary>
    internal void End()
    {
        _schema = null;
        _document = null;
        _schemaInfo = null;
        _errors = null;
        Options = ValidationOptions.Default;
        _definitions.Clear();
        _fragmentIndex.Clear();
        _recursiveFragments.Clear();
        ParentType = null;
        Type = null;
        FieldDefinition = null;
        Directive = null;
        Argument = null;
        InputType = null;
        ParentInputType = null;
        DefaultValue = null;
        Definition = null;
        DefinitionIndex = -1;
    }

    internal void AddVariableUsage(VariableNode node)
    {
        if (DefinitionIndex < 0)
        {
            return;
        }
        var def = _definitions[DefinitionIndex];
        if (def.Usages is null)
        {
            def.Usages = [];
            _definitions[DefinitionIndex] = def;
        }
        def.Usages.Add(new VariableUsage(node, InputType, DefaultValue, ParentInputType));
    }

    private int IndexOf(ExecutableDefinitionNode definition)
    {
        if (definition is FragmentDefinitionNode f && _fragmentIndex.TryGetValue(f.Name.Value, out var fi) && ReferenceEquals(_definitions[fi].Node, f))
        {
            return fi;
        }
        for (var i = 0; i < _definitions.Count; i++)
        {
            if (ReferenceEquals(_definitions[i].Node, definition))
            {
                return i;
            }
        }
        return -1;
    }

    private struct DefinitionEntry
    {
        public ExecutableDefinitionNode Node;
        public List<FragmentSpreadNode>? Spreads;
        public List<VariableUsage>? Usages;
    }
}

/// <summary>Thrown internally to stop validation once the error limit is reached.</summary>
internal sealed class ValidationAbortedException : Exception
{
    public ValidationAbortedException() : base("Validation aborted.") { }
}
