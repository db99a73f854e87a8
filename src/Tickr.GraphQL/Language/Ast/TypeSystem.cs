namespace Tickr.GraphQL.Language.Ast;

/// <summary>TypeSystemDefinitionOrExtension : TypeSystemDefinition | TypeSystemExtension</summary>
public abstract class TypeSystemNode : DefinitionNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>SchemaDefinition : Description? schema Directives[Const]? { RootOperationTypeDefinition+ }</summary>
public sealed class SchemaDefinitionNode : TypeSystemNode
{
    public override SyntaxKind Kind => SyntaxKind.SchemaDefinition;
    public StringValueNode? Description { get; init; }
    public required IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; }
}

/// <summary>SchemaExtension : extend schema Directives[Const]? { RootOperationTypeDefinition+ } | extend schema Directives[Const]</summary>
public sealed class SchemaExtensionNode : TypeSystemNode
{
    public override SyntaxKind Kind => SyntaxKind.SchemaExtension;
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
}

/// <summary>RootOperationTypeDefinition : OperationType : NamedType</summary>
public sealed class OperationTypeDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.OperationTypeDefinition;
    public required OperationType Operation { get; init; }
    public required NamedTypeNode Type { get; init; }
}

/// <summary>A type definition or a type extension: both name a type and carry directives.</summary>
public abstract class TypeDefinitionOrExtensionNode : TypeSystemNode
{
    public required NameNode Name { get; init; }

    /// <summary>True for <c>extend type …</c> and its siblings.</summary>
    public abstract bool IsExtension { get; }

    /// <summary>Null on extensions, which carry no description.</summary>
    public StringValueNode? Description { get; init; }
}

/// <summary>ScalarTypeDefinition : Description? scalar Name Directives[Const]?</summary>
public sealed class ScalarTypeDefinitionNode : TypeDefinitionOrExtensionNode
{
    public override SyntaxKind Kind => IsExtension ? SyntaxKind.ScalarTypeExtension : SyntaxKind.ScalarTypeDefinition;
    public override bool IsExtension => Extension;
    public bool Extension { get; init; }
}

/// <summary>
/// ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
/// (and ObjectTypeExtension when <see cref="Extension"/> is set).
/// </summary>
public sealed class ObjectTypeDefinitionNode : TypeDefinitionOrExtensionNode
{
    public override SyntaxKind Kind => IsExtension ? SyntaxKind.ObjectTypeExtension : SyntaxKind.ObjectTypeDefinition;
    public override bool IsExtension => Extension;
    public bool Extension { get; init; }
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

/// <summary>
/// InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
/// </summary>
public sealed class InterfaceTypeDefinitionNode : TypeDefinitionOrExtensionNode
{
    public override SyntaxKind Kind => IsExtension ? SyntaxKind.InterfaceTypeExtension : SyntaxKind.InterfaceTypeDefinition;
    public override bool IsExtension => Extension;
    public bool Extension { get; init; }
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

/// <summary>UnionTypeDefinition : Description? union Name Directives[Const]? UnionMemberTypes?</summary>
public sealed class UnionTypeDefinitionNode : TypeDefinitionOrExtensionNode
{
    public override SyntaxKind Kind => IsExtension ? SyntaxKind.UnionTypeExtension : SyntaxKind.UnionTypeDefinition;
    public override bool IsExtension => Extension;
    public bool Extension { get; init; }
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

/// <summary>EnumTypeDefinition : Description? enum Name Directives[Const]? EnumValuesDefinition?</summary>
public sealed class EnumTypeDefinitionNode : TypeDefinitionOrExtensionNode
{
    public override SyntaxKind Kind => IsExtension ? SyntaxKind.EnumTypeExtension : SyntaxKind.EnumTypeDefinition;
    public override bool IsExtension => Extension;
    public bool Extension { get; init; }
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

/// <summary>InputObjectTypeDefinition : Description? input Name Directives[Const]? InputFieldsDefinition?</summary>
public sealed class InputObjectTypeDefinitionNode : TypeDefinitionOrExtensionNode
{
    public override SyntaxKind Kind => IsExtension ? SyntaxKind.InputObjectTypeExtension : SyntaxKind.InputObjectTypeDefinition;
    public override bool IsExtension => Extension;
    public bool Extension { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}

/// <summary>FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?</summary>
public sealed class FieldDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.FieldDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?</summary>
public sealed class InputValueDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.InputValueDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>EnumValueDefinition : Description? EnumValue Directives[Const]?</summary>
public sealed class EnumValueDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.EnumValueDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

/// <summary>
/// DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
/// </summary>
public sealed class DirectiveDefinitionNode : TypeSystemNode
{
    public override SyntaxKind Kind => SyntaxKind.DirectiveDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public bool Repeatable { get; init; }
    public required IReadOnlyList<NameNode> Locations { get; init; }
}
