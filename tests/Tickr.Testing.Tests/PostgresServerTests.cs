using Npgsql;

namespace Tickr.Testing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests
{
    [Fact]
    public async Task One_cluster_per_process_tuned_for_tests_and_reached_over_loopback()
    {
        var server = await PostgresServer.GetAsync();
        Assert.Same(server, await PostgresServer.GetAsync());

        Assert.Equal("off", await server.ScalarAsync<string>("postgres", "SHOW fsync"));
        Assert.Equal("off", await server.ScalarAsync<string>("postgres", "SHOW synchronous_commit"));
        Assert.Equal("off", await server.ScalarAsync<string>("postgres", "SHOW full_page_writes"));
        Assert.Equal("300", await server.ScalarAsync<string>("postgres", "SHOW max_connections"));
        Assert.Equal("127.0.0.1", await server.ScalarAsync<string>("postgres", "SELECT host(inet_server_addr())"));
        Assert.StartsWith(Path.GetTempPath(), server.RootDirectory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Databases_are_created_and_dropped()
    {
        var server = await PostgresServer.GetAsync();
        var name = "plain_" + Guid.NewGuid().ToString("N")[..8];

        await server.CreateDatabaseAsync(name);
        await server.ExecuteAsync(name, "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2)");
        Assert.Equal(2L, await server.ScalarAsync<long>(name, "SELECT count(*) FROM t"));

        // A pooled connection left open does not stop the drop.
        await using var open = new NpgsqlConnection(server.ConnectionString(name));
        await open.OpenAsync();
        await server.DropDatabaseAsync(name);
        Assert.Equal(0L, await CountDatabasesAsync(server, name));
    }

    [Fact]
    public async Task Terminated_connections_fail_on_their_next_command_and_new_ones_work()
    {
        var server = await PostgresServer.GetAsync();
        var name = "term_" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateDatabaseAsync(name);
        try
        {
            await using var first = new NpgsqlConnection(server.ConnectionString(name));
            await first.OpenAsync();
            await using var second = new NpgsqlConnection(server.ConnectionString(name));
            await second.OpenAsync();

            Assert.Equal(2, await server.TerminateConnectionsAsync(name));

            var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("SELECT 1", first).ExecuteScalarAsync());
            Assert.True(error is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown } || error.InnerException is IOException or EndOfStreamException, error.ToString());
            await using var fresh = new NpgsqlConnection(server.ConnectionString(name, pooling: false));
            await fresh.OpenAsync();
            Assert.Equal(1, await new NpgsqlCommand("SELECT 1", fresh).ExecuteScalarAsync());
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task A_restart_breaks_open_connections_keeps_the_data_and_the_port()
    {
        var server = await PostgresServer.GetAsync();
        var name = "restart_" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateDatabaseAsync(name);
        try
        {
            await server.ExecuteAsync(name, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before restart')");
            await using var open = new NpgsqlConnection(server.ConnectionString(name, pooling: false));
            await open.OpenAsync();
            var port = server.Port;

            await server.RestartAsync();

            await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("SELECT 1", open).ExecuteScalarAsync());
            Assert.Equal(port, server.Port);
            Assert.Equal("before restart", await server.ScalarAsync<string>(name, "SELECT v FROM kept"));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    internal static Task<long> CountDatabasesAsync(PostgresServer server, string name)
        => server.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname = '{name}'");
}
