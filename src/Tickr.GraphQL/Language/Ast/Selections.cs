namespace Tickr.GraphQL.Language.Ast;

/// <summary>Name : /[_A-Za-z][_0-9A-Za-z]*/</summary>
public sealed class NameNode : SyntaxNode
{
    public NameNode() { }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public NameNode(string value) => Value = value;

    public override SyntaxKind Kind => SyntaxKind.Name;
    public required string Value { get; init; }

    public override string ToString() => Value;
}

/// <summary>SelectionSet : { Selection+ }</summary>
public sealed class SelectionSetNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.SelectionSet;
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
}

/// <summary>Selection : Field | FragmentSpread | InlineFragment</summary>
public abstract class SelectionNode : SyntaxNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>Field : Alias? Name Arguments? Directives? SelectionSet?</summary>
public sealed class FieldNode : SelectionNode
{
    public override SyntaxKind Kind => SyntaxKind.Field;
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public SelectionSetNode? SelectionSet { get; init; }

    /// <summary>The key this field has in the response: its alias, or else its name.</summary>
    public string ResponseKey => Alias?.Value ?? Name.Value;
}

/// <summary>Argument : Name : Value</summary>
public sealed class ArgumentNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Argument;
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

/// <summary>FragmentSpread : ... FragmentName Directives?</summary>
public sealed class FragmentSpreadNode : SelectionNode
{
    public override SyntaxKind Kind => SyntaxKind.FragmentSpread;
    public required NameNode Name { get; init; }
}

/// <summary>InlineFragment : ... TypeCondition? Directives? SelectionSet</summary>
public sealed class InlineFragmentNode : SelectionNode
{
    public override SyntaxKind Kind => SyntaxKind.InlineFragment;
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>Directive : @ Name Arguments?</summary>
public sealed class DirectiveNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Directive;
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
}
