namespace Tickr.GraphQL.Language.Ast;

/// <summary>
/// Value : Variable | IntValue | FloatValue | StringValue | BooleanValue | NullValue | EnumValue | ListValue | ObjectValue
/// </summary>
public abstract class ValueNode : SyntaxNode;

/// <summary>Variable : $ Name</summary>
public sealed class VariableNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.Variable;
    public required NameNode Name { get; init; }
}

/// <summary>IntValue : IntegerPart. The lexical text is kept: the scalar decides the range.</summary>
public sealed class IntValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.IntValue;
    public required string Value { get; init; }
}

/// <summary>FloatValue : IntegerPart FractionalPart | IntegerPart ExponentPart | IntegerPart FractionalPart ExponentPart</summary>
public sealed class FloatValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.FloatValue;
    public required string Value { get; init; }
}

/// <summary>StringValue : " StringCharacter* " | """ BlockStringCharacter* """ (Value is the cooked string).</summary>
public sealed class StringValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.StringValue;
    public required string Value { get; init; }
    public bool Block { get; init; }
}

/// <summary>BooleanValue : true | false</summary>
public sealed class BooleanValueNode : ValueNode
{
    public static readonly BooleanValueNode True = new() { Value = true };
    public static readonly BooleanValueNode False = new() { Value = false };

    public override SyntaxKind Kind => SyntaxKind.BooleanValue;
    public required bool Value { get; init; }
}

/// <summary>NullValue : null</summary>
public sealed class NullValueNode : ValueNode
{
    public static readonly NullValueNode Instance = new();

    public override SyntaxKind Kind => SyntaxKind.NullValue;
}

/// <summary>EnumValue : Name but not true, false or null</summary>
public sealed class EnumValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.EnumValue;
    public required string Value { get; init; }
}

/// <summary>ListValue : [ ] | [ Value+ ]</summary>
public sealed class ListValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.ListValue;
    public required IReadOnlyList<ValueNode> Values { get; init; }
}

/// <summary>ObjectValue : { } | { ObjectField+ }</summary>
public sealed class ObjectValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.ObjectValue;
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
}

/// <summary>ObjectField : Name : Value</summary>
public sealed class ObjectFieldNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.ObjectField;
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}
