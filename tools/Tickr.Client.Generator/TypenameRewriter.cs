using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.Client.Generator;

/// <summary>
/// Adds <c>__typename</c> to the selection set of every field of interface or union type (unless selected there
/// already), so that the client can pick the C# type of each object it reads.
/// </summary>
internal static class TypenameRewriter
{
    public static DocumentNode Rewrite(Schema schema, DocumentNode document)
    {
        var definitions = new List<DefinitionNode>(document.Definitions.Count);
        foreach (var definition in document.Definitions)
        {
            definitions.Add(definition switch
            {
                OperationDefinitionNode op => new OperationDefinitionNode
                {
                    Operation = op.Operation,
                    Name = op.Name,
                    Description = op.Description,
                    VariableDefinitions = op.VariableDefinitions,
                    Directives = op.Directives,
                    SelectionSet = RewriteSet(schema, op.SelectionSet, schema.GetRootType(op.Operation)!),
                    Location = op.Location,
                },
                FragmentDefinitionNode f => new FragmentDefinitionNode
                {
                    Name = f.Name,
                    Description = f.Description,
                    TypeCondition = f.TypeCondition,
                    Directives = f.Directives,
                    SelectionSet = RewriteSet(schema, f.SelectionSet, schema.GetType(f.TypeCondition.Name.Value)!),
                    Location = f.Location,
                },
                _ => definition,
            });
        }
        return new DocumentNode { Definitions = definitions, Location = document.Location, TokenCount = document.TokenCount };
    }

    private static SelectionSetNode RewriteSet(Schema schema, SelectionSetNode set, NamedType parent)
    {
        var selections = new List<SelectionNode>(set.Selections.Count + 1);
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode { SelectionSet: { } sub } field when parent is IComplexOutputType complex
                                                                     && complex.Fields[field.Name.Value] is { } def:
                    var fieldType = TypeMapper.Unwrap(def.Type);
                    var rewritten = RewriteSet(schema, sub, fieldType);
                    if (fieldType is InterfaceType or UnionType && !HasTypename(rewritten))
                    {
                        var withTypename = new List<SelectionNode>(rewritten.Selections.Count + 1) { Typename() };
                        withTypename.AddRange(rewritten.Selections);
                        rewritten = new SelectionSetNode { Selections = withTypename, Location = rewritten.Location };
                    }
                    selections.Add(new FieldNode
                    {
                        Alias = field.Alias,
                        Name = field.Name,
                        Arguments = field.Arguments,
                        Directives = field.Directives,
                        SelectionSet = rewritten,
                        Location = field.Location,
                    });
                    break;
                case InlineFragmentNode inline:
                    var condition = inline.TypeCondition is { } tc ? schema.GetType(tc.Name.Value)! : parent;
                    selections.Add(new InlineFragmentNode
                    {
                        TypeCondition = inline.TypeCondition,
                        Directives = inline.Directives,
                        SelectionSet = RewriteSet(schema, inline.SelectionSet, condition),
                        Location = inline.Location,
                    });
                    break;
                default:
                    selections.Add(selection);
                    break;
            }
        }
        return new SelectionSetNode { Selections = selections, Location = set.Location };
    }

    private static bool HasTypename(SelectionSetNode set) =>
        set.Selections.Any(s => s is FieldNode { Alias: null, Name.Value: "__typename", Directives.Count: 0 });

    private static FieldNode Typename() => new() { Name = new NameNode("__typename") };
}
