using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Values of Correct Type (spec §5.6.1) and Input Object Required Fields (spec §5.6.4): every literal must be
/// coercible to the input type expected where it appears. Scalars decide through
/// <see cref="ScalarType.TryParseLiteral"/>; enums need one of their values; input objects need their required
/// fields and no unknown ones; a OneOf input object needs exactly one field, and it must not be null.
/// Variables are checked by <see cref="VariablesInAllowedPositionRule"/>.
/// </summary>
public sealed class ValuesOfCorrectTypeRule : ValidationVisitor
{
    // A list or object already reported as a whole: its items are not checked again.
    private ValueNode? _skipped;

    public override void EnterDocument(ValidationContext context, DocumentNode node) => _skipped = null;

    public override void EnterValue(ValidationContext context, ValueNode node)
    {
        if (_skipped is not null)
        {
            return;
        }
        switch (node)
        {
            case VariableNode:
                return;
            case ListValueNode:
                if (context.InputType?.Nullable() is not ListType)
                {
                    CheckLeaf(context, node);
                    _skipped = node;
                }
                return;
            case ObjectValueNode obj:
                if (context.InputType?.NamedType() is not InputObjectType inputObject)
                {
                    CheckLeaf(context, node);
                    _skipped = node;
                    return;
                }
                CheckInputObject(context, obj, inputObject);
                return;
            case NullValueNode:
                if (context.InputType is NonNullType nonNull)
                {
                    context.ReportError($"Expected value of non-null type \"{nonNull.Print()}\", found null.", node);
                }
                return;
            default:
                CheckLeaf(context, node);
                return;
        }
    }

    public override void LeaveValue(ValidationContext context, ValueNode node)
    {
        if (ReferenceEquals(_skipped, node))
        {
            _skipped = null;
        }
    }

    public override void EnterObjectField(ValidationContext context, ObjectFieldNode node)
    {
        if (_skipped is null && context.InputType is null && context.ParentInputType?.NamedType() is InputObjectType parent)
        {
            var names = new List<string>(parent.Fields.Count);
            foreach (var f in parent.Fields)
            {
                names.Add(f.Name);
            }
            var hint = Suggestions.DidYouMean(Suggestions.Rank(node.Name.Value, names));
            context.ReportError($"Field \"{node.Name.Value}\" is not defined by type \"{parent.Name}\".{hint}", node);
        }
    }

    private static void CheckInputObject(ValidationContext context, ObjectValueNode node, InputObjectType type)
    {
        foreach (var field in type.Fields)
        {
            if (field.Type is NonNullType && field.DefaultValue is null && Find(node, field.Name) is null)
            {
                context.ReportError($"Field \"{type.Name}.{field.Name}\" of required type \"{field.Type.Print()}\" was not provided.", node);
            }
        }
        if (!type.IsOneOf)
        {
            return;
        }
        var fields = node.Fields;
        var distinct = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            if (Find(node, fields[i].Name.Value) == fields[i])
            {
                distinct++;
            }
        }
        if (distinct != 1)
        {
            context.ReportError($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
            return;
        }
        if (fields[0].Value is NullValueNode)
        {
            context.ReportError($"Field \"{type.Name}.{fields[0].Name.Value}\" must be non-null.", node);
        }
    }

    private static ObjectFieldNode? Find(ObjectValueNode node, string name)
    {
        for (var i = 0; i < node.Fields.Count; i++)
        {
            if (node.Fields[i].Name.Value == name)
            {
                return node.Fields[i];
            }
        }
        return null;
    }

    /// <summary>Checks a literal against a leaf type (graphql-js isValidValueNode).</summary>
    private static void CheckLeaf(ValidationContext context, ValueNode node)
    {
        if (context.InputType is not { } locationType)
        {
            return;
        }
        switch (locationType.NamedType())
        {
            case EnumType enumType:
                CheckEnum(context, node, enumType);
                return;
            case ScalarType scalar:
                bool valid;
                try
                {
                    valid = scalar.TryParseLiteral(node, out _);
                }
#pragma warning disable CA1031 // A scalar that throws on bad input refuses the value; it must not fail validation.
                catch (Exception)
#pragma warning restore CA1031
                {
                    valid = false;
                }
                if (!valid)
                {
                    context.ReportError(DescribeScalarError(scalar, locationType, node), node);
                }
                return;
            default:
                context.ReportError($"Expected value of type \"{locationType.Print()}\", found {ValueSyntax.Print(node)}.", node);
                return;
        }
    }

    private static void CheckEnum(ValidationContext context, ValueNode node, EnumType type)
    {
        if (node is EnumValueNode enumValue && type.Values.Contains(enumValue.Value))
        {
            return;
        }
        var printed = ValueSyntax.Print(node);
        var names = new List<string>(type.Values.Count);
        foreach (var v in type.Values)
        {
            names.Add(v.Name);
        }
        var hint = Suggestions.DidYouMean(Suggestions.Rank(printed, names), "the enum value");
        var message = node is EnumValueNode
            ? $"Value \"{printed}\" does not exist in \"{type.Name}\" enum.{hint}"
            : $"Enum \"{type.Name}\" cannot represent non-enum value: {printed}.{hint}";
        context.ReportError(message, node);
    }

    // The scalar explains the refusal itself (the built-in ones in graphql-js wording).
    private static string DescribeScalarError(ScalarType scalar, IGraphQLType locationType, ValueNode node)
    {
        try
        {
            return scalar.DescribeLiteralError(node);
        }
#pragma warning disable CA1031 // A faulty custom message must not fail validation.
        catch (Exception)
#pragma warning restore CA1031
        {
            return $"Expected value of type \"{locationType.Print()}\", found {ValueSyntax.Print(node)}.";
        }
    }
}
