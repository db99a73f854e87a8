namespace Tickr.GraphQL.Language.Ast;

/// <summary>Document : Definition+</summary>
public sealed class DocumentNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Document;
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }

    /// <summary>Number of lexical tokens the parser read (comments excluded); useful for limits and metrics.</summary>
    public int TokenCount { get; init; }
}

/// <summary>Definition : ExecutableDefinition | TypeSystemDefinitionOrExtension</summary>
public abstract class DefinitionNode : SyntaxNode;

/// <summary>ExecutableDefinition : OperationDefinition | FragmentDefinition</summary>
public abstract class ExecutableDefinitionNode : DefinitionNode
{
    public abstract IReadOnlyList<DirectiveNode> Directives { get; init; }
    public abstract SelectionSetNode SelectionSet { get; init; }
}

public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

/// <summary>
/// OperationDefinition : OperationType Name? VariablesDefinition? Directives? SelectionSet | SelectionSet
/// </summary>
public sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.OperationDefinition;
    public required OperationType Operation { get; init; }

    /// <summary>Description before the operation keyword (spec draft "executable descriptions"); never on the shorthand form.</summary>
    public StringValueNode? Description { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
    public override IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public override required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>VariableDefinition : Variable : Type DefaultValue? Directives[Const]?</summary>
public sealed class VariableDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.VariableDefinition;

    /// <summary>Description before the variable (spec draft "executable descriptions").</summary>
    public StringValueNode? Description { get; init; }
    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>FragmentDefinition : fragment FragmentName TypeCondition Directives? SelectionSet</summary>
public sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.FragmentDefinition;

    /// <summary>Description before <c>fragment</c> (spec draft "executable descriptions").</summary>
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required NamedTypeNode TypeCondition { get; init; }
    public override IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public override required SelectionSetNode SelectionSet { get; init; }
}
