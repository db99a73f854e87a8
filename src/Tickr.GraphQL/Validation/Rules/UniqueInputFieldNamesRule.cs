using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>Input Object Field Uniqueness (spec §5.6.3): an input object literal must not give a field twice.</summary>
public sealed class UniqueInputFieldNamesRule : ValidationVisitor
{
    public override void EnterValue(ValidationContext context, ValueNode node)
    {
        if (node is not ObjectValueNode { Fields.Count: > 1 } obj)
        {
            return;
        }
        var fields = obj.Fields;
        if (fields.Count > 32)
        {
            var first = new Dictionary<string, NameNode>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                if (!first.TryAdd(fields[i].Name.Value, fields[i].Name))
                {
                    Report(context, first[fields[i].Name.Value], fields[i].Name);
                }
            }
            return;
        }
        for (var i = 1; i < fields.Count; i++)
        {
            var name = fields[i].Name.Value;
            for (var j = 0; j < i; j++)
            {
                if (fields[j].Name.Value == name)
                {
                    Report(context, fields[j].Name, fields[i].Name);
                    break;
                }
            }
        }
    }

    private static void Report(ValidationContext context, NameNode first, NameNode duplicate) =>
        context.ReportError($"There can be only one input field named \"{duplicate.Value}\".", first, duplicate);
}
