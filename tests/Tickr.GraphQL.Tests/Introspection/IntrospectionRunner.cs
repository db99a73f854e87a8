using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Execution.DataLoader;
using Tickr.GraphQL.Introspection;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Tests.Introspection;

/// <summary>
/// A deliberately small executor for introspection queries in these tests: it walks a query's selections, calls the
/// introspection resolvers through <see cref="IResolverContext"/> and completes values by type, so the resolvers can
/// be checked without the real executor. No variables, no directives, no errors beyond exceptions.
/// </summary>
internal static class IntrospectionRunner
{
    public const string FullIntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives {
              name
              description
              isRepeatable
              locations
              args(includeDeprecated: true) { ...InputValue }
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          specifiedByURL
          isOneOf
          fields(includeDeprecated: true) {
            name
            description
            args(includeDeprecated: true) { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) {
            name
            description
            isDeprecated
            deprecationReason
          }
          possibleTypes { ...TypeRef }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
          isDeprecated
          deprecationReason
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                        ofType {
                          kind
                          name
                          ofType {
                            kind
                            name
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    public static Dictionary<string, object?> Run(Schema schema, string query)
    {
        var document = Parser.Parse(query);
        var fragments = document.Definitions.OfType<FragmentDefinitionNode>().ToDictionary(f => f.Name.Value);
        var operation = document.Definitions.OfType<OperationDefinitionNode>().Single();
        return ExecuteSelections(schema, fragments, operation, schema.QueryType, null, operation.SelectionSet);
    }

    private static Dictionary<string, object?> ExecuteSelections(
        Schema schema, Dictionary<string, FragmentDefinitionNode> fragments, OperationDefinitionNode operation,
        ObjectType type, object? parent, SelectionSetNode selectionSet)
    {
        var result = new Dictionary<string, object?>();
        foreach (var field in Collect(fragments, selectionSet))
        {
            var definition = IntrospectionFields.Find(field.Name.Value) ?? type.Fields[field.Name.Value]
                ?? throw new InvalidOperationException($"No field {type.Name}.{field.Name.Value}");
            var args = new Dictionary<string, object?>();
            foreach (var a in definition.Arguments)
            {
                var given = field.Arguments.FirstOrDefault(x => x.Name.Value == a.Name)?.Value ?? a.DefaultValue;
                if (given is null) continue;
                var scalar = (ScalarType)a.Type.NamedType();
                Assert.True(scalar.TryParseLiteral(given, out var v));
                args[a.Name] = v;
            }
            var context = new Context(schema, type, definition, field, operation, parent, args);
            var task = definition.Resolver!(context);
            Assert.True(task.IsCompletedSuccessfully, "introspection resolvers are synchronous");
            result[field.ResponseKey] = Complete(schema, fragments, operation, definition.Type, task.Result, field);
        }
        return result;
    }

    private static object? Complete(
        Schema schema, Dictionary<string, FragmentDefinitionNode> fragments, OperationDefinitionNode operation,
        IGraphQLType type, object? value, FieldNode field)
    {
        if (type is NonNullType nn)
        {
            var inner = Complete(schema, fragments, operation, nn.OfType, value, field);
            return inner ?? throw new InvalidOperationException($"Null for non-null field {field.Name.Value}");
        }
        if (value is null) return null;
        switch (type)
        {
            case ListType list:
                var items = new List<object?>();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    items.Add(Complete(schema, fragments, operation, list.OfType, item, field));
                }
                return items;
            case ObjectType o:
                return ExecuteSelections(schema, fragments, operation, o, value, field.SelectionSet!);
            case EnumType e:
                return e.FindByRuntimeValue(value)?.Name ?? throw new InvalidOperationException($"Not a value of {e.Name}: {value}");
            case ScalarType s:
                Assert.True(s.TrySerialize(value, out var serialized));
                return serialized;
            default:
                throw new InvalidOperationException($"Unexpected type {type}");
        }
    }

    private static IEnumerable<FieldNode> Collect(Dictionary<string, FragmentDefinitionNode> fragments, SelectionSetNode set)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode f:
                    yield return f;
                    break;
                case FragmentSpreadNode spread:
                    foreach (var f in Collect(fragments, fragments[spread.Name.Value].SelectionSet)) yield return f;
                    break;
                case InlineFragmentNode inline:
                    foreach (var f in Collect(fragments, inline.SelectionSet)) yield return f;
                    break;
            }
        }
    }

    private sealed class Context(
        Schema schema, ObjectType parentType, OutputField outputField, FieldNode selection, OperationDefinitionNode operation,
        object? parent, Dictionary<string, object?> arguments) : IResolverContext
    {
        public object? Parent => parent;
        public T ParentAs<T>() => (T)parent!;
        public Schema Schema => schema;
        public ObjectType ParentType => parentType;
        public OutputField Field => outputField;
        public FieldNode Selection => selection;
        public IReadOnlyList<FieldNode> Selections => [selection];
        public OperationDefinitionNode Operation => operation;
        public IReadOnlyList<object> Path => [];
        public IReadOnlyDictionary<string, object?> Arguments => arguments;
        public T ArgumentValue<T>(string name) => arguments.TryGetValue(name, out var v) && v is T t ? t : default!;
        public bool HasArgument(string name) => arguments.ContainsKey(name);
        public IReadOnlyDictionary<string, object?> Variables => new Dictionary<string, object?>();
        public IServiceProvider Services => throw new NotSupportedException();
        public CancellationToken CancellationToken => CancellationToken.None;
        public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>();
        public IDataLoaderRegistry DataLoaders => throw new NotSupportedException();
        public void ReportError(GraphQLError error) => throw new NotSupportedException(error.Message);
    }
}
