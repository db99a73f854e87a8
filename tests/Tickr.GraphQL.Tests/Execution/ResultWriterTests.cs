using System.Text;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Tests.Execution;

public class ResultWriterTests
{
    [Fact]
    public void Errors_come_first_and_data_is_omitted_when_execution_did_not_start()
    {
        var result = ExecutionResult.FromError(new GraphQLError("bad", [new SourceLocation(1, 2)], code: ErrorCodes.ValidationFailed));
        Assert.Equal(Kit.J("{'errors':[{'message':'bad','locations':[{'line':1,'column':2}],'extensions':{'code':'GRAPHQL_VALIDATION_FAILED'}}]}"), result.ToJson());
    }

    [Fact]
    public void Null_data_of_a_started_execution_is_written()
    {
        Assert.Equal(Kit.J("{'data':null}"), new ExecutionResult { HasData = true }.ToJson());
    }

    [Fact]
    public void Json_like_values_paths_and_extensions_are_written()
    {
        var result = new ExecutionResult
        {
            HasData = true,
            Data = new Dictionary<string, object?>
            {
                ["s"] = "é\"<",
                ["n"] = new object?[] { 1, 2L, 1.5, 2.5m, true, null },
                ["o"] = new Dictionary<string, object?> { ["x"] = 1 },
            },
            Errors = [new GraphQLError("e", path: ["a", 0, "b"], code: "X", extensions: new Dictionary<string, object?> { ["detail"] = new[] { "d" } })],
            Extensions = new Dictionary<string, object?> { ["cost"] = 3 },
        };
        Assert.Equal(
            Kit.J("{'errors':[{'message':'e','path':['a',0,'b'],'extensions':{'code':'X','detail':['d']}}],'data':{'s':'é\\'<','n':[1,2,1.5,2.5,true,null],'o':{'x':1}},'extensions':{'cost':3}}"),
            result.ToJson());
    }

    [Fact]
    public void Stream_and_buffer_outputs_match_the_string_output()
    {
        var result = new ExecutionResult { HasData = true, Data = new Dictionary<string, object?> { ["a"] = "b" } };
        using var stream = new MemoryStream();
        ExecutionResultWriter.Write(stream, result);
        Assert.Equal(result.ToJson(), Encoding.UTF8.GetString(stream.ToArray()));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ExecutionResultWriter.Write(buffer, result);
        Assert.Equal(result.ToJson(), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
