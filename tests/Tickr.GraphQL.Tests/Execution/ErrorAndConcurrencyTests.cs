using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Types;
using static Tickr.GraphQL.Tests.Execution.Kit;

namespace Tickr.GraphQL.Tests.Execution;

public class ErrorAndConcurrencyTests
{
    [Fact]
    public async Task Unexpected_exception_is_hidden_unless_details_are_enabled()
    {
        var query = Object("Query", Field("fail", BuiltInScalars.String, _ => throw new InvalidOperationException("secret")));
        var schema = new Schema(query);

        var hidden = Assert.Single((await Run(schema, "{ fail }")).Errors!);
        Assert.Equal("Unexpected Execution Error", hidden.Message);
        Assert.Equal(ErrorCodes.Unexpected, hidden.Code);
        Assert.IsType<InvalidOperationException>(hidden.Exception);
        Assert.DoesNotContain("secret", (await Run(schema, "{ fail }")).ToJson());

        var shown = Assert.Single((await Run(schema, "{ fail }", options: new ExecutionOptions { IncludeExceptionDetails = true })).Errors!);
        Assert.Equal("secret", shown.Message);
    }

    [Fact]
    public async Task GraphQLException_message_code_and_extensions_reach_the_client()
    {
        var query = Object("Query", AsyncField("fail", BuiltInScalars.String, async _ =>
        {
            await Task.Yield();
            throw new GraphQLException("Not allowed", "FORBIDDEN", new Dictionary<string, object?> { ["reason"] = "role" });
        }));
        var result = await Run(new Schema(query), "{\n  fail\n}");
        Assert.Equal(
            J("{'errors':[{'message':'Not allowed','locations':[{'line':2,'column':3}],'path':['fail'],'extensions':{'code':'FORBIDDEN','reason':'role'}}],'data':{'fail':null}}"),
            result.ToJson());
    }

    [Fact]
    public async Task Reported_errors_are_added_without_failing_the_field()
    {
        var query = Object("Query", Field("warn", BuiltInScalars.String, c =>
        {
            c.ReportError(new GraphQLError("just a warning", code: "WARNING"));
            return "value";
        }));
        var result = await Run(new Schema(query), "{ warn }");
        Assert.Equal(J("{'data':{'warn':'value'}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal(["warn"], error.Path!);
    }

    [Fact]
    public async Task Query_fields_start_together()
    {
        var gate = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        var query = Object("Query",
            AsyncField("waits", BuiltInScalars.String, async _ =>
            {
                log.Add("waits started");
                await gate.Task;
                log.Add("waits finished");
                return "a";
            }),
            AsyncField("opens", BuiltInScalars.String, async _ =>
            {
                log.Add("opens started");
                await Task.Yield();
                gate.SetResult(null);
                return "b";
            }));
        var result = await Run(new Schema(query), "{ waits opens }", options: new ExecutionOptions { Timeout = TimeSpan.FromSeconds(30) });
        Assert.Equal(J("{'data':{'waits':'a','opens':'b'}}"), result.ToJson());
        Assert.Equal(["waits started", "opens started", "waits finished"], log);
    }

    [Fact]
    public async Task Mutation_fields_run_one_after_the_other_including_their_subfields()
    {
        var log = new List<string>();
        var payload = Object("Payload", AsyncField("detail", BuiltInScalars.String, async c =>
        {
            await Task.Yield();
            log.Add("detail " + c.Parent);
            return (string)c.Parent!;
        }));
        var mutation = Object("Mutation",
            AsyncField("first", payload, async _ =>
            {
                log.Add("first started");
                await Task.Delay(20);
                log.Add("first finished");
                return "1";
            }),
            AsyncField("second", payload, async _ =>
            {
                log.Add("second started");
                await Task.Yield();
                return "2";
            }));
        var schema = new Schema(Object("Query", Field("x", BuiltInScalars.String)), mutation);
        var result = await Run(schema, "mutation { first { detail } second { detail } third: first { detail } }");
        Assert.Equal(J("{'data':{'first':{'detail':'1'},'second':{'detail':'2'},'third':{'detail':'1'}}}"), result.ToJson());
        Assert.Equal(["first started", "first finished", "detail 1", "second started", "detail 2", "first started", "first finished", "detail 1"], log);
    }

    [Fact]
    public async Task Synchronous_resolvers_complete_without_going_asynchronous()
    {
        var query = Object("Query", Field("a", BuiltInScalars.String, _ => "x"));
        var task = Executor.ExecuteAsync(new Schema(query), Tickr.GraphQL.Language.Parser.Parse("{ a }"));
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal("x", (await task).Data!["a"]);
    }

    [Fact]
    public async Task Timeout_fails_pending_fields_with_TIMEOUT_and_keeps_the_rest()
    {
        var observedCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var query = Object("Query",
            Field("fast", BuiltInScalars.String, _ => "done"),
            AsyncField("slow", BuiltInScalars.String, async c =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, c.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    observedCancellation.TrySetResult(true);
                    throw;
                }
                return "never";
            }),
            AsyncField("stubborn", NonNull(BuiltInScalars.String), async _ =>
            {
                await Task.Delay(Timeout.Infinite);
                return "never";
            }));
        var schema = new Schema(query);

        var result = await Run(schema, "{ fast slow }", options: new ExecutionOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(J("{'data':{'fast':'done','slow':null}}"), DataJson(result));
        var error = Assert.Single(result.Errors!);
        Assert.Equal(ErrorCodes.Timeout, error.Code);
        Assert.Equal(["slow"], error.Path!);
        Assert.True(await observedCancellation.Task);

        // A resolver ignoring the token does not hold the response; its non-null type nulls data.
        var stubborn = await Run(schema, "{ fast stubborn }", options: new ExecutionOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        Assert.True(stubborn.HasData);
        Assert.Null(stubborn.Data);
        Assert.Equal(ErrorCodes.Timeout, Assert.Single(stubborn.Errors!).Code);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_yields_CANCELLED_errors()
    {
        using var cts = new CancellationTokenSource();
        var query = Object("Query",
            AsyncField("cancelsRequest", BuiltInScalars.String, async c =>
            {
                await Task.Yield();
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, c.CancellationToken);
                return "never";
            }));
        var result = await Run(new Schema(query), "{ cancelsRequest }", cancellationToken: cts.Token);
        Assert.Equal(J("{'data':{'cancelsRequest':null}}"), DataJson(result));
        Assert.Equal(ErrorCodes.Cancelled, Assert.Single(result.Errors!).Code);

        var before = await Run(new Schema(query), "{ cancelsRequest }", cancellationToken: cts.Token);
        Assert.False(before.HasData);
        Assert.Equal(ErrorCodes.Cancelled, Assert.Single(before.Errors!).Code);
    }
}
