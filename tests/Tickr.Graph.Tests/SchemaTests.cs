using System.Diagnostics;
using Tickr.Graph.Commands;
using Tickr.Graph.Tests.TestHost;

namespace Tickr.Graph.Tests;

public sealed class SchemaTests
{
    private static string Normalize(string sdl) => sdl.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    [Fact]
    public async Task Committed_schema_matches_the_running_server()
    {
        Assert.True(File.Exists(Repository.SchemaFile), $"{Repository.SchemaFile} is missing: run `{SchemaExportCommand.RegenerateHint}`.");
        var committed = Normalize(await File.ReadAllTextAsync(Repository.SchemaFile));

        await using var factory = new TickrAppFactory();
        var served = Normalize(await factory.CreateClient().GetStringAsync("/graphql?sdl"));

        Assert.True(committed == served,
            $"schema/schema.graphql differs from the running server's schema. If the change is intended, run `{SchemaExportCommand.RegenerateHint}` "
            + "from the repository root and commit the file (clients are generated from it).");
        Assert.Equal(Normalize(SchemaExportCommand.PrintSchema()), served);
    }

    [Fact]
    public void Export_command_writes_the_schema_to_the_given_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "tickr-schema-" + Guid.NewGuid().ToString("N"), "out.graphql");
        try
        {
            using var output = new StringWriter();
            var code = SchemaExportCommand.Run(["schema", "export", "--output", path], output, TextWriter.Null);

            Assert.Equal(0, code);
            Assert.Equal(SchemaExportCommand.PrintSchema(), File.ReadAllText(path));
            Assert.Contains(path, output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Export_command_refuses_unknown_arguments()
    {
        using var error = new StringWriter();
        Assert.Equal(2, SchemaExportCommand.Run(["schema", "export", "--bogus"], TextWriter.Null, error));
        Assert.Contains("Usage", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Default_output_is_the_repository_schema_file()
    {
        var nested = Path.Combine(Repository.Root, "src", "Tickr.Graph");
        Assert.Equal(Repository.SchemaFile, SchemaExportCommand.DefaultPath(nested));
    }

    [Fact]
    public async Task The_program_exports_and_exits_without_starting_the_web_server()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Tickr.Graph.dll");
        var path = Path.Combine(Path.GetTempPath(), "tickr-schema-" + Guid.NewGuid().ToString("N") + ".graphql");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "schema", "export", "--output", path })
        {
            start.ArgumentList.Add(argument);
        }
        // Production without a signing key would refuse to start the server: proof that the command never builds it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stdout}{await stderr}");
            Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
            Assert.Equal(SchemaExportCommand.PrintSchema(), await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>
/// Partners read the schema in the IDE: every type, field, argument, input field and enum value Tickr defines has a
/// description (the engine's built-in scalars and introspection types are the spec's).
/// </summary>
public sealed class SchemaDescriptionTests
{
    [Fact]
    public void Every_type_field_argument_and_enum_value_is_described()
    {
        var schema = Tickr.Graph.Schema.TickrSchema.Build();
        var missing = new List<string>();
        foreach (var type in schema.AllTypes)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal) || type is Tickr.GraphQL.Types.ScalarType && IsBuiltInScalar(type.Name))
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }
            switch (type)
            {
                case Tickr.GraphQL.Types.ObjectType o:
                    CheckFields(o.Name, o.Fields);
                    break;
                case Tickr.GraphQL.Types.InterfaceType i:
                    CheckFields(i.Name, i.Fields);
                    break;
                case Tickr.GraphQL.Types.InputObjectType input:
                    missing.AddRange(input.Fields.Where(f => string.IsNullOrWhiteSpace(f.Description)).Select(f => $"{input.Name}.{f.Name}"));
                    break;
                case Tickr.GraphQL.Types.EnumType e:
                    missing.AddRange(e.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{e.Name}.{v.Name}"));
                    break;
            }
        }
        Assert.True(missing.Count == 0, "undescribed: " + string.Join(", ", missing));

        void CheckFields(string owner, IEnumerable<Tickr.GraphQL.Types.OutputField> fields)
        {
            foreach (var field in fields)
            {
                if (string.IsNullOrWhiteSpace(field.Description))
                {
                    missing.Add($"{owner}.{field.Name}");
                }
                missing.AddRange(field.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{owner}.{field.Name}({a.Name})"));
            }
        }
    }

    private static bool IsBuiltInScalar(string name) =>
        name is "String" or "Int" or "Float" or "Boolean" or "ID" or "DateTime" or "Date" or "Long" or "Decimal" or "UUID" or "URL";
}
