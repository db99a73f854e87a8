using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Tests.Execution;

/// <summary>Small helpers to build schemas in code and run documents against them.</summary>
internal static class Kit
{
    public static IGraphQLType NonNull(IGraphQLType type) => new NonNullType(type);
    public static IGraphQLType ListOf(IGraphQLType type) => new ListType(type);

    public static OutputField Field(string name, IGraphQLType type, Func<IResolverContext, object?>? resolve = null)
    {
        var field = new OutputField(name, type);
        if (resolve is not null)
        {
            field.Resolver = c => new ValueTask<object?>(resolve(c));
        }
        return field;
    }

    public static OutputField AsyncField(string name, IGraphQLType type, Func<IResolverContext, Task<object?>> resolve)
    {
        var field = new OutputField(name, type) { Resolver = c => new ValueTask<object?>(resolve(c)) };
        return field;
    }

    public static OutputField WithArgument(this OutputField field, string name, IGraphQLType type, Tickr.GraphQL.Language.Ast.ValueNode? defaultValue = null)
    {
        field.Arguments.Add(new InputValue(name, type) { DefaultValue = defaultValue });
        return field;
    }

    public static ObjectType Object(string name, params OutputField[] fields)
    {
        var type = new ObjectType(name);
        foreach (var f in fields) type.Fields.Add(f);
        return type;
    }

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values)
    {
        var map = new Dictionary<string, object?>();
        foreach (var (n, v) in values) map[n] = v;
        return map;
    }

    public static async Task<ExecutionResult> Run(
        Schema schema,
        string query,
        object? root = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        ExecutionOptions? options = null,
        string? operationName = null,
        CancellationToken cancellationToken = default)
    {
        return await Executor.ExecuteAsync(schema, Parser.Parse(query), operationName, variables, root, options, cancellationToken: cancellationToken);
    }

    public static async Task<string> Json(
        Schema schema,
        string query,
        object? root = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        ExecutionOptions? options = null,
        string? operationName = null)
    {
        var result = await Run(schema, query, root, variables, options, operationName);
        return result.ToJson();
    }

    /// <summary>The JSON of the result without its errors.</summary>
    public static string DataJson(ExecutionResult result) =>
        new ExecutionResult { Data = result.Data, HasData = result.HasData }.ToJson();

    /// <summary>Single-quoted JSON for readable expectations.</summary>
    public static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
