using Snapshooter;
using Snapshooter.Xunit;

namespace Tickr.Client.Tests;

/// <summary>
/// The generated code for the fixed test schema and operations (every schema feature), file by file. A change to the
/// generator shows up here as a readable diff of C#.
/// </summary>
public class GeneratorSnapshotTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Generate.TestSchema().Files)
        {
            data.Add(file.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Generated_file_matches_its_snapshot(string name)
    {
        var result = Generate.TestSchema();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Snapshot.Match(result.Files.Single(f => f.Name == name).Content, new SnapshotNameExtension(name));
    }

    [Fact]
    public void Persisted_operations_are_the_sent_documents_with_their_sha256()
    {
        var result = Generate.TestSchema();
        var lines = result.Operations.Select(o => $"{o.Name} {o.Id}\n{o.Document}");
        Snapshot.Match(string.Join("\n", lines));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = Generate.TestSchema().Files.Select(f => f.Content).ToList();
        var second = Generate.TestSchema().Files.Select(f => f.Content).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_shipped_operations_are_valid_against_the_schema()
    {
        var result = Generate.Tickr();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        foreach (var name in new[]
        {
            "Login", "SearchEvents", "EventTicketing", "ReserveTickets", "Checkout", "CancelOrder", "MyTickets", "MyOrders",
            "CreateCheckInList", "CheckInTicket", "EventStats", "InventoryChanged", "CheckInsChanged", "OrderStatusChanged",
        })
        {
            Assert.Contains(result.Operations, o => o.Name == name);
        }
    }
}
