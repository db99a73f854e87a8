namespace Tickr.GraphQL.Language.Ast;

/// <summary>Type : NamedType | ListType | NonNullType</summary>
public abstract class TypeNode : SyntaxNode;

/// <summary>NamedType : Name</summary>
public sealed class NamedTypeNode : TypeNode
{
    public override SyntaxKind Kind => SyntaxKind.NamedType;
    public required NameNode Name { get; init; }
}

/// <summary>ListType : [ Type ]</summary>
public sealed class ListTypeNode : TypeNode
{
    public override SyntaxKind Kind => SyntaxKind.ListType;
    public required TypeNode Type { get; init; }
}

/// <summary>NonNullType : NamedType ! | ListType !</summary>
public sealed class NonNullTypeNode : TypeNode
{
    public override SyntaxKind Kind => SyntaxKind.NonNullType;

    /// <summary>A NamedTypeNode or a ListTypeNode, never another NonNullTypeNode.</summary>
    public required TypeNode Type { get; init; }
}
