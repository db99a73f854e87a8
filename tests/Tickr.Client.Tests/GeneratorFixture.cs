using Tickr.Client.Generator;

namespace Tickr.Client.Tests;

/// <summary>Runs the generator in-process on a schema and a folder of operations.</summary>
internal static class Generate
{
    public static GeneratorResult From(string schemaPath, string operationsFolder, string ns = "Tickr.Client.Tests.Generated", string clientName = "Test") =>
        ClientGenerator.Generate(
            new SourceFile(schemaPath, File.ReadAllText(schemaPath)),
            GeneratorCommand.FindOperations([operationsFolder]).Select(p => new SourceFile(p, File.ReadAllText(p))).ToList(),
            new GeneratorOptions { Namespace = ns, ClientName = clientName });

    public static GeneratorResult TestSchema() => From(TestPaths.TestSchema, TestPaths.TestOperations);

    public static GeneratorResult Tickr() => From(TestPaths.TickrSchema, TestPaths.TickrOperations, "Tickr.Client", "Tickr");

    /// <summary>Generates from in-memory texts: a schema and operation files by name.</summary>
    public static GeneratorResult FromText(string schema, params (string Name, string Text)[] operations) =>
        ClientGenerator.Generate(
            new SourceFile("/virtual/schema.graphql", schema),
            operations.Select(o => new SourceFile("/virtual/" + o.Name, o.Text)).ToList(),
            new GeneratorOptions { Namespace = "Probe", ClientName = "Probe" });
}
