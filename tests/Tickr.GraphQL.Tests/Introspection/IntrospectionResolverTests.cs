using System.Text.Json;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Introspection;
using Tickr.GraphQL.Tests.Types;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.Tests.Introspection;

public class IntrospectionResolverTests
{
    private static readonly Schema Rich = SdlSchemaBuilder.FromSdl(SdlRoundTripTests.Sdl);

    private const string FullIntrospectionQuery = """
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

    /// <summary>
    /// Runs <paramref name="query"/> through the real pipeline (parse, validate, execute) and gives the response's
    /// data as it goes over the wire: the JSON of <see cref="ExecutionResultWriter"/> read back into dictionaries,
    /// lists, strings, booleans and nulls. Introspection resolvers are synchronous, so execution completes at once.
    /// </summary>
    private static Dictionary<string, object?> Query(string query, Schema? schema = null)
    {
        var execution = new GraphQLExecutor(schema ?? Rich).ExecuteAsync(new GraphQLRequest { Query = query });
        Assert.True(execution.IsCompletedSuccessfully, "introspection resolvers are synchronous");
        var result = execution.Result;
        Assert.Null(result.Errors);
        using var json = JsonDocument.Parse(ExecutionResultWriter.ToJson(result));
        return Obj(FromJson(json.RootElement.GetProperty("data")));
    }

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.GetDouble(),
        _ => null,
    };

    private static Dictionary<string, object?> Obj(object? o) => Assert.IsType<Dictionary<string, object?>>(o);

    private static List<object?> List(object? o) => Assert.IsType<List<object?>>(o);

    private static Dictionary<string, object?> TypeNamed(Dictionary<string, object?> schema, string name) =>
        List(schema["types"]).Select(Obj).Single(t => (string?)t["name"] == name);

    [Fact]
    public void The_full_introspection_query_lists_every_type_in_schema_order_with_root_types_and_directives()
    {
        var schema = Obj(Query(FullIntrospectionQuery)["__schema"]);

        Assert.Equal("Root", Obj(schema["queryType"])["name"]);
        Assert.Equal("Mutations", Obj(schema["mutationType"])["name"]);
        Assert.Null(schema["subscriptionType"]);
        Assert.Equal("The schema of a small ticketing service.\nIt spans several lines.", schema["description"]);
        var names = List(schema["types"]).Select(t => (string?)Obj(t)["name"]).ToList();
        Assert.Equal(Rich.AllTypes.Select(t => t.Name), names);
        Assert.Contains("__Schema", names);
        Assert.Equal(["cost", "meta", "include", "skip", "deprecated", "specifiedBy", "oneOf"], List(schema["directives"]).Select(d => (string?)Obj(d)["name"]));
        var cost = List(schema["directives"]).Select(Obj).First();
        Assert.Equal(true, cost["isRepeatable"]);
        Assert.Equal(["FIELD_DEFINITION", "OBJECT"], List(cost["locations"]));
        Assert.Equal("\"expensive\"", Obj(List(cost["args"])[1])["defaultValue"]);
    }

    [Fact]
    public void Type_kinds_wrappers_and_scalar_specification_urls_are_described()
    {
        var schema = Obj(Query(FullIntrospectionQuery)["__schema"]);
        var ticket = TypeNamed(schema, "Ticket");
        Assert.Equal("OBJECT", ticket["kind"]);
        Assert.Equal(["Entity", "Node"], List(ticket["interfaces"]).Select(i => Obj(i)["name"]));
        Assert.Null(ticket["enumValues"]);
        Assert.Null(ticket["inputFields"]);
        Assert.Null(ticket["possibleTypes"]);
        Assert.Null(ticket["isOneOf"]);

        var tags = List(ticket["fields"]).Select(Obj).Single(f => (string?)f["name"] == "tags");
        var type = Obj(tags["type"]);
        Assert.Equal("NON_NULL", type["kind"]);
        Assert.Null(type["name"]);
        var list = Obj(type["ofType"]);
        Assert.Equal("LIST", list["kind"]);
        Assert.Equal("NON_NULL", Obj(list["ofType"])["kind"]);
        Assert.Equal("String", Obj(Obj(list["ofType"])["ofType"])["name"]);

        Assert.Equal("https://example.com/json", TypeNamed(schema, "Json")["specifiedByURL"]);
        Assert.Equal("https://scalars.graphql.org/andimarek/date-time", TypeNamed(schema, "DateTime")["specifiedByURL"]);
        Assert.Null(TypeNamed(schema, "String")["specifiedByURL"]);
        Assert.Equal(["Ticket", "Person"], List(TypeNamed(schema, "SearchResult")["possibleTypes"]).Select(t => Obj(t)["name"]));
        Assert.Equal(["Ticket", "Person"], List(TypeNamed(schema, "Node")["possibleTypes"]).Select(t => Obj(t)["name"]));
        Assert.Equal(true, TypeNamed(schema, "TicketLookup")["isOneOf"]);
        Assert.Equal(false, TypeNamed(schema, "NewTicket")["isOneOf"]);
    }

    [Fact]
    public void Default_values_are_printed_as_graphql_js_normalizes_them()
    {
        var schema = Obj(Query(FullIntrospectionQuery)["__schema"]);
        var ticket = TypeNamed(schema, "Ticket");
        var tags = List(ticket["fields"]).Select(Obj).Single(f => (string?)f["name"] == "tags");
        var args = List(tags["args"]).Select(Obj).ToList();
        Assert.Equal("10", args[0]["defaultValue"]);
        // Input object defaults list fields in declaration order, with the fields' own defaults filled in.
        Assert.Equal("{prefix: \"a\", limit: 5, exact: [\"x\"]}", args[1]["defaultValue"]);
        var newTicket = TypeNamed(schema, "NewTicket");
        var fields = List(newTicket["inputFields"]).Select(Obj).ToDictionary(f => (string)f["name"]!);
        Assert.Equal("OPEN", fields["status"]["defaultValue"]);
        Assert.Null(fields["title"]["defaultValue"]);
        var ratio = List(TypeNamed(schema, "Root")["fields"]).Select(Obj).Single(f => (string?)f["name"] == "ratio");
        Assert.Equal("1.5", Obj(List(ratio["args"])[0])["defaultValue"]);
    }

    [Fact]
    public void Deprecated_members_are_hidden_unless_includeDeprecated_is_true()
    {
        const string query = """
            {
              ticket: __type(name: "Ticket") {
                active: fields { name }
                all: fields(includeDeprecated: true) { name isDeprecated deprecationReason }
                title: fields { name args { name } allArgs: args(includeDeprecated: true) { name isDeprecated deprecationReason } }
              }
              status: __type(name: "Status") {
                active: enumValues { name }
                all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason }
              }
              filter: __type(name: "TagFilter") {
                active: inputFields { name }
                all: inputFields(includeDeprecated: true) { name isDeprecated deprecationReason }
              }
            }
            """;
        var result = Query(query);
        var ticket = Obj(result["ticket"]);
        Assert.DoesNotContain("legacyCode", List(ticket["active"]).Select(f => Obj(f)["name"]));
        var legacy = List(ticket["all"]).Select(Obj).Single(f => (string?)f["name"] == "legacyCode");
        Assert.Equal(true, legacy["isDeprecated"]);
        Assert.Equal("No longer supported", legacy["deprecationReason"]);
        var title = List(ticket["title"]).Select(Obj).Single(f => (string?)f["name"] == "title");
        Assert.Equal(["maxLength"], List(title["args"]).Select(a => Obj(a)["name"]));
        var truncate = List(title["allArgs"]).Select(Obj).Single(a => (string?)a["name"] == "truncate");
        Assert.Equal("Use `maxLength`.", truncate["deprecationReason"]);

        var status = Obj(result["status"]);
        Assert.Equal(["OPEN", "CLOSED"], List(status["active"]).Select(v => Obj(v)["name"]));
        Assert.Equal(["OPEN", "IN_PROGRESS", "CLOSED", "ARCHIVED"], List(status["all"]).Select(v => Obj(v)["name"]));
        Assert.Equal("Merged into OPEN.", List(status["all"]).Select(Obj).Single(v => (string?)v["name"] == "IN_PROGRESS")["deprecationReason"]);

        var filter = Obj(result["filter"]);
        Assert.Equal(["prefix", "exact"], List(filter["active"]).Select(f => Obj(f)["name"]));
        Assert.Equal(["prefix", "limit", "exact"], List(filter["all"]).Select(f => Obj(f)["name"]));
    }

    [Fact]
    public void The_type_meta_field_returns_null_for_unknown_names_and_typename_names_the_parent_type()
    {
        var result = Query("""{ known: __type(name: "Person") { name kind } unknown: __type(name: "Nope") { name } __typename }""");
        Assert.Equal("Person", Obj(result["known"])["name"]);
        Assert.Equal("OBJECT", Obj(result["known"])["kind"]);
        Assert.Null(result["unknown"]);
        Assert.Equal("Root", result["__typename"]);
    }

    [Fact]
    public void Introspection_types_describe_themselves_with_the_spec_fields()
    {
        var result = Query("""{ __type(name: "__Type") { fields { name } } kinds: __type(name: "__TypeKind") { enumValues { name } } }""");
        Assert.Equal(
            ["kind", "name", "description", "specifiedByURL", "fields", "interfaces", "possibleTypes", "enumValues", "inputFields", "ofType", "isOneOf"],
            List(Obj(result["__type"])["fields"]).Select(f => Obj(f)["name"]));
        Assert.Equal(
            ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "LIST", "NON_NULL"],
            List(Obj(result["kinds"])["enumValues"]).Select(v => Obj(v)["name"]));
    }

    [Fact]
    public void Filtered_lists_are_cached_and_refreshed_when_a_collection_grows()
    {
        var query = new ObjectType("Query");
        query.Fields.Add(new OutputField("a", BuiltInScalars.String));
        query.Fields.Add(new OutputField("old", BuiltInScalars.String) { DeprecationReason = "gone" });
        var schema = new Schema(query);
        const string q = """{ __type(name: "Query") { fields { name } } }""";
        var first = List(Obj(Query(q, schema)["__type"])["fields"]).Select(f => Obj(f)["name"]).ToList();
        Assert.Equal(["a"], first);
        query.Fields.Add(new OutputField("b", BuiltInScalars.String));
        var second = List(Obj(Query(q, schema)["__type"])["fields"]).Select(f => Obj(f)["name"]).ToList();
        Assert.Equal(["a", "b"], second);
    }

    [Fact]
    public void Meta_fields_are_found_by_name()
    {
        Assert.Same(IntrospectionFields.Schema, IntrospectionFields.Find("__schema"));
        Assert.Same(IntrospectionFields.Type, IntrospectionFields.Find("__type"));
        Assert.Same(IntrospectionFields.TypeName, IntrospectionFields.Find("__typename"));
        Assert.Null(IntrospectionFields.Find("__other"));
        Assert.Equal("__Type", IntrospectionFields.Type.Type.Print());
        Assert.Equal("String!", IntrospectionFields.Type.Arguments["name"]!.Type.Print());
        Assert.Equal("__Schema!", IntrospectionFields.Schema.Type.Print());
        Assert.Equal("String!", IntrospectionFields.TypeName.Type.Print());
    }
}
