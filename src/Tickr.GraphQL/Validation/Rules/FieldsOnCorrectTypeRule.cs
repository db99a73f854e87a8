using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Field Selections (spec §5.3.1): every selected field must be defined on the type in scope (or be a meta
/// field). Errors suggest inline fragments on possible types that do define the field, else similar field names.
/// </summary>
public sealed class FieldsOnCorrectTypeRule : ValidationVisitor
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (context.ParentType is not { } parentType || context.FieldDefinition is not null)
        {
            return;
        }
        var fieldName = node.Name.Value;
        var typeSuggestions = SuggestTypes(context.Schema, parentType, fieldName);
        var hint = typeSuggestions.Count > 0
            ? Suggestions.DidYouMean(typeSuggestions, "to use an inline fragment on")
            : Suggestions.DidYouMean(SuggestFields(parentType, fieldName));
        context.ReportError($"Cannot query field \"{fieldName}\" on type \"{parentType.Name}\".{hint}", node);
    }

    // Types that define the field, most useful first: those implementing it through more interfaces, then
    // interfaces before the types implementing them, then by name.
    private static List<string> SuggestTypes(Schema schema, NamedType type, string fieldName)
    {
        var result = new List<string>();
        if (!type.IsAbstractType())
        {
            return result;
        }
        var found = new List<NamedType>();
        var usage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var possible in schema.GetPossibleTypes(type))
        {
            if (!possible.Fields.Contains(fieldName))
            {
                continue;
            }
            found.Add(possible);
            usage[possible.Name] = 1;
            foreach (var iface in possible.Interfaces)
            {
                if (!iface.Fields.Contains(fieldName))
                {
                    continue;
                }
                if (usage.TryGetValue(iface.Name, out var count))
                {
                    usage[iface.Name] = count + 1;
                }
                else
                {
                    found.Add(iface);
                    usage[iface.Name] = 1;
                }
            }
        }
        found.Sort((a, b) =>
        {
            var diff = usage[b.Name] - usage[a.Name];
            if (diff != 0) return diff;
            if (a is InterfaceType && schema.IsSubType(a, b)) return -1;
            if (b is InterfaceType && schema.IsSubType(b, a)) return 1;
            return Suggestions.NaturalCompare(a.Name, b.Name);
        });
        foreach (var t in found)
        {
            result.Add(t.Name);
        }
        return result;
    }

    private static List<string> SuggestFields(NamedType type, string fieldName)
    {
        if (type is not IComplexOutputType complex)
        {
            return [];
        }
        var names = new List<string>(complex.Fields.Count);
        foreach (var f in complex.Fields)
        {
            names.Add(f.Name);
        }
        return Suggestions.Rank(fieldName, names);
    }
}
