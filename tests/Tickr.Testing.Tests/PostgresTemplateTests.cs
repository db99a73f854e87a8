using Npgsql;

namespace Tickr.Testing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresTemplateTests
{
    [Fact]
    public async Task Copies_have_the_template_s_tables_and_rows_and_the_initializer_runs_once()
    {
        var runs = 0;
        NpgsqlDataSource? leftOpen = null;
        var template = new PostgresTemplate("seats_" + Guid.NewGuid().ToString("N")[..8], async connectionString =>
        {
            Interlocked.Increment(ref runs);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE seat (id int PRIMARY KEY, label text NOT NULL); INSERT INTO seat VALUES (1, 'A1')", connection).ExecuteNonQueryAsync();
            // An initializer that leaves a pooled connection open (as a DbContext's pool may): copying must still work.
            leftOpen = NpgsqlDataSource.Create(connectionString + ";Pooling=true");
            await (await leftOpen.OpenConnectionAsync()).CloseAsync();
        });

        try
        {
            // Several classes asking at once: one template, four copies.
            var copies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(template.CreateFromTemplateAsync)));
            try
            {
                Assert.Equal(1, runs);
                Assert.Equal(4, copies.Select(copy => copy.Name).Distinct().Count());
                foreach (var copy in copies)
                {
                    Assert.StartsWith(template.Name + "_", copy.Name, StringComparison.Ordinal);
                    Assert.Equal("A1", await copy.ScalarAsync<string>("SELECT label FROM seat WHERE id = 1"));
                }

                // Copies are independent of each other.
                await copies[0].ExecuteAsync("INSERT INTO seat VALUES (2, 'A2')");
                Assert.Equal(2L, await copies[0].ScalarAsync<long>("SELECT count(*) FROM seat"));
                Assert.Equal(1L, await copies[1].ScalarAsync<long>("SELECT count(*) FROM seat"));
                await using var pooled = new NpgsqlConnection(copies[1].ConnectionString);
                await pooled.OpenAsync();
                Assert.Equal(1L, await new NpgsqlCommand("SELECT count(*) FROM seat", pooled).ExecuteScalarAsync());
            }
            finally
            {
                foreach (var copy in copies)
                {
                    await copy.DisposeAsync();
                }
            }

            var server = await PostgresServer.GetAsync();
            foreach (var copy in copies)
            {
                Assert.Equal(0L, await PostgresServerTests.CountDatabasesAsync(server, copy.Name));
            }

            // The template refuses connections (a copy fails while anything is connected to it).
            await Assert.ThrowsAsync<PostgresException>(() => server.ExecuteAsync(template.Name, "SELECT 1"));
        }
        finally
        {
            if (leftOpen is not null)
            {
                await leftOpen.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_failed_initializer_is_reported_and_retried_on_the_next_request()
    {
        var attempts = 0;
        var template = new PostgresTemplate("flaky_" + Guid.NewGuid().ToString("N")[..8], async connectionString =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE half_done (id int)", connection).ExecuteNonQueryAsync();
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new InvalidOperationException("migration failed");
            }
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(template.CreateFromTemplateAsync);
        Assert.Equal("migration failed", error.Message);

        // The second attempt starts from an empty database (CREATE TABLE would fail on the first attempt's table).
        await using var copy = await template.CreateFromTemplateAsync();
        Assert.Equal(2, attempts);
        Assert.Equal(0L, await copy.ScalarAsync<long>("SELECT count(*) FROM half_done"));
    }
}
