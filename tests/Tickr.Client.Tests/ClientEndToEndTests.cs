using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickr.Client.Generator;
using Tickr.Client.Tests.Generated;

namespace Tickr.Client.Tests;

/// <summary>
/// The generated test client (built by the same MSBuild step consumers use) against a real Tickr.GraphQL.AspNetCore
/// server: typed data, unions, fragments, @oneOf and optional inputs, typed mutation errors, persisted operations,
/// subscriptions over graphql-transport-ws, reconnection, DI and token providers.
/// </summary>
public sealed class ClientEndToEndTests : IAsyncLifetime
{
    private TestApiServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await TestApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private TestClient Client(Action<GraphQLClientOptions>? configure = null, Uri? endpoint = null)
    {
        var options = new GraphQLClientOptions { Endpoint = endpoint ?? _server.Endpoint, ReconnectDelay = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        return new TestClient(new GraphQLTransport(() => _http, options));
    }

    [Fact]
    public async Task A_query_reads_every_scalar_into_its_dotnet_type()
    {
        var response = await Client().GetShowAsync(ShowKey.FromSlug("malouf"));
        var show = response.EnsureData().Show!;
        Assert.Equal("s1", show.Id);
        Assert.Equal(ShowStatus.OnSale, show.Status);
        Assert.Equal(35.5m, show.Price.Amount);
        Assert.Equal(new DateTimeOffset(2027, 7, 14, 19, 0, 0, TimeSpan.Zero), show.StartsAt);
        Assert.Equal(new DateOnly(2027, 7, 14), show.Day);
        Assert.Equal(5_000_000_000L, show.Capacity);
        Assert.Equal(Guid.Parse("0b8c5a52-6f0e-4f5e-9d2a-0c6f1f3f9a11"), show.Ref);
        Assert.Equal(new Uri("https://img.example.tn/malouf.png"), show.Poster);
        Assert.Equal(12, show.Meta!.Value.GetProperty("rows").GetInt32());
        Assert.Equal(["music", "malouf"], show.Tags);
        Assert.Equal(4.5, show.Rating);
        // Fragments are interfaces: code written against IShowCard works for any operation selecting it.
        IShowCard card = show;
        Assert.Equal("Théâtre de Carthage", card.Venue!.Name);
        Assert.Equal("TND", card.Price.Currency);
    }

    [Fact]
    public async Task Union_and_interface_values_become_the_class_of_their_typename()
    {
        var search = (await Client().SearchAsync("malouf", [SearchKind.Show, SearchKind.Venue])).EnsureData().Search;
        Assert.Collection(search,
            r => Assert.Equal(ShowStatus.OnSale, Assert.IsType<Search_Search_Show>(r).Status),
            r => Assert.Equal("Carthage", Assert.IsType<Search_Search_Venue>(r).City),
            r => Assert.Equal("Ensemble", Assert.IsType<Search_Search_Performer>(r).Name));
        Assert.All(search, r => Assert.IsAssignableFrom<INamedThing>(r));

        var venue = (await Client().NodeByIdAsync("v1", withPrice: true)).EnsureData().Node;
        Assert.Equal("Venue", Assert.IsType<NodeById_Node_Other>(venue).__typename);
        var show = (await Client().NodeByIdAsync("s1", withPrice: true)).EnsureData().Node;
        Assert.Equal(35.5m, Assert.IsAssignableFrom<INodeById_Node_Priced>(show).Price!.Amount);
        var withoutPrice = (await Client().NodeByIdAsync("s1", withPrice: false)).EnsureData().Node;
        Assert.Null(Assert.IsType<NodeById_Node_Show>(withoutPrice).Price);
    }

    [Fact]
    public async Task Lists_nulls_and_defaults_follow_the_schema()
    {
        var data = (await Client().ShowsAsync()).EnsureData();
        Assert.Equal(2, data.Shows.Count);
        Assert.Null(data.Shows[1]);
        Assert.Equal([[1, 2], null, [3]], data.Matrix);
        Assert.Equal(7, data.LegacyCount);
    }

    [Fact]
    public async Task Optional_input_fields_tell_left_out_from_explicit_null()
    {
        var client = Client();
        await client.RenameShowAsync(new RenameShowInput { Id = "s1", Name = "A" });
        await client.RenameShowAsync(new RenameShowInput { Id = "s1", Name = "B", Note = null });
        await client.RenameShowAsync(new RenameShowInput { Id = "s1", Name = "C", Note = "typo" });
        var inputs = _server.Recorder.RenameInputs.ToArray();
        Assert.False(inputs[0].ContainsKey("note"));
        Assert.True(inputs[1].ContainsKey("note"));
        Assert.Null(inputs[1]["note"]);
        Assert.Equal("typo", inputs[2]["note"]);
    }

    [Fact]
    public async Task Typed_mutation_errors_are_data()
    {
        var response = await Client().RenameShowAsync(new RenameShowInput { Id = "missing", Name = "" });
        Assert.False(response.HasErrors);
        var payload = response.EnsureData().RenameShow;
        Assert.Null(payload.Show);
        Assert.Collection(payload.Errors,
            e => Assert.Equal("missing", Assert.IsType<RenameShow_RenameShow_Errors_NotFoundError>(e).Id),
            e => Assert.Equal("The name is empty.", Assert.IsAssignableFrom<IRenameShow_RenameShow_Errors_Error>(e).Message));
    }

    [Fact]
    public async Task GraphQL_errors_come_back_in_the_response()
    {
        // A request error: a persisted id the server does not know (and no fallback to the document).
        var response = await Client(o => { o.UsePersistedOperations = true; o.SendDocumentWhenPersistedNotFound = false; }).ShowsAsync();
        Assert.Null(response.Data);
        var error = Assert.Single(response.Errors);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", error.Code);
        Assert.Throws<GraphQLClientException>(() => response.EnsureData());
    }

    [Fact]
    public async Task Persisted_operations_send_ids_the_server_loads_from_the_generated_folder()
    {
        var folder = Directory.CreateTempSubdirectory("tickr-persisted-").FullName;
        try
        {
            var output = new StringWriter();
            var exit = GeneratorCommand.Run(["--schema", TestPaths.TestSchema, "--operations", TestPaths.TestOperations, "--output", Path.Combine(folder, "cs"),
                "--namespace", "Tickr.Client.Tests.Generated", "--client-name", "Test", "--persisted", Path.Combine(folder, "persisted")], output, output);
            Assert.True(exit == 0, output.ToString());
            // The build's generated ids and the command's are the same documents.
            Assert.True(File.Exists(Path.Combine(folder, "persisted", TestOperations.GetShow.Id + ".graphql")));
            var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "persisted", "persisted-operations.json")));
            Assert.Equal(TestOperations.GetShow.Document, manifest.RootElement.GetProperty(TestOperations.GetShow.Id).GetString());

            await using var locked = await TestApiServer.StartAsync(configure: o =>
            {
                o.PersistedOperations.Directory = Path.Combine(folder, "persisted");
                o.PersistedOperations.OnlyPersisted = true;
            });
            var persisted = await Client(o => o.UsePersistedOperations = true, locked.Endpoint).GetShowAsync(ShowKey.FromId("s9"));
            Assert.Equal("s9", persisted.EnsureData().Show!.Id);
            var text = await Client(endpoint: locked.Endpoint).GetShowAsync(ShowKey.FromId("s9"));
            Assert.Equal("s9", text.EnsureData().Show!.Id); // the document's hash is a known id: OnlyPersisted accepts it
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_subscription_streams_typed_events()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var ticks = new List<int>();
        await foreach (var tick in Client().TicksAsync(20, cts.Token))
        {
            ticks.Add(tick.EnsureData().Ticks.N);
            if (ticks.Count == 3)
            {
                break;
            }
        }
        Assert.Equal([1, 2, 3], ticks);
    }

    [Fact]
    public async Task A_dropped_socket_is_reopened_and_the_subscription_goes_on()
    {
        using var relay = new TcpRelay(_server.Port);
        var options = new GraphQLClientOptions { Endpoint = new Uri($"http://127.0.0.1:{relay.Port}/graphql"), ReconnectDelay = TimeSpan.FromMilliseconds(100) };
        await using var transport = new GraphQLTransport(() => _http, options);
        var client = new TestClient(transport);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<int>();
        var dropped = false;
        await foreach (var tick in client.TicksAsync(100, cts.Token))
        {
            seen.Add(tick.EnsureData().Ticks.N);
            if (!dropped && seen.Count == 2)
            {
                // The connection drops (no close frame, no complete): the client reconnects and subscribes again.
                dropped = true;
                relay.Drop();
            }
            if (seen.Count >= 3 && seen[^1] == 2 && seen[^2] == 1)
            {
                break;
            }
        }
        Assert.Equal(2, transport.WebSockets.Connections);
        Assert.Equal(2, relay.Accepted);
        Assert.Equal([1, 2], seen[..2]);
        Assert.Equal([1, 2], seen[^2..]); // the server runs the subscription anew
    }

    [Fact]
    public async Task AddTestClient_registers_the_client_with_IHttpClientFactory_and_a_token_provider()
    {
        var calls = 0;
        var services = new ServiceCollection();
        services.AddTestClient(o =>
        {
            o.Endpoint = _server.Endpoint;
            o.AccessTokenProvider = _ => new ValueTask<string?>($"token-{Interlocked.Increment(ref calls)}");
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ITestClient>();
        Assert.Same(client, provider.GetRequiredService<ITestClient>());
        _server.Recorder.Authorization.Clear();
        await client.ShowsAsync();
        await client.ShowsAsync();
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _server.Recorder.Authorization);
    }

    [Fact]
    public async Task A_static_access_token_is_sent_on_http_and_websocket()
    {
        _server.Recorder.Authorization.Clear();
        var client = Client(o => o.AccessToken = "static");
        await client.ShowsAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var _ in client.TicksAsync(10, cts.Token))
        {
            break;
        }
        Assert.Equal(["Bearer static", "Bearer static"], _server.Recorder.Authorization);
    }
}
