using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tickr.Client.Generator;

namespace Tickr.Client.Tests;

/// <summary>
/// The generated code compiles warning-free with nullable annotations on, the System.Text.Json source generator
/// producing the JSON context's metadata, against the reference assemblies of .NET 10 and the client runtime.
/// </summary>
public class CompilationTests
{
    [Fact]
    public void The_test_schema_client_compiles_without_warnings() => AssertCompiles(Generate.TestSchema(), """
        using System.Linq;
        using Tickr.Client.Tests.Generated;

        /// <summary>Code a consumer writes against the test client.</summary>
        public static class Consumer
        {
            /// <summary>Uses unions, fragments, @oneOf and optional inputs.</summary>
            public static async System.Threading.Tasks.Task<string?> RunAsync(ITestClient client)
            {
                var show = await client.GetShowAsync(ShowKey.FromSlug("malouf"));
                IShowCard? card = show.EnsureData().Show;
                var search = await client.SearchAsync("x", [SearchKind.Show]);
                var names = search.EnsureData().Search.OfType<INamedThing>().Select(n => n.Name).ToList();
                var renamed = await client.RenameShowAsync(new RenameShowInput { Id = "1", Name = "n", Note = null });
                foreach (var error in renamed.EnsureData().RenameShow.Errors)
                {
                    if (error is RenameShow_RenameShow_Errors_NotFoundError notFound) return notFound.Id;
                }
                await foreach (var tick in client.TicksAsync(1)) { return tick.Data?.Ticks.N.ToString(System.Globalization.CultureInfo.InvariantCulture); }
                return card?.Venue?.Name ?? names.FirstOrDefault();
            }
        }
        """);

    [Fact]
    public void The_shipped_Tickr_client_compiles_without_warnings() => AssertCompiles(
        Generate.From(TestPaths.TickrSchema, TestPaths.TickrOperations, "Tickr.Client.Compiled", "Tickr"), """
        using System.Linq;
        using Tickr.Client.Compiled;

        /// <summary>Code a consumer writes against the Tickr client.</summary>
        public static class Consumer
        {
            /// <summary>Signs in and searches.</summary>
            public static async System.Threading.Tasks.Task<string?> RunAsync(ITickrClient client)
            {
                var login = await client.LoginAsync(new LoginInput { Email = "a@b.tn", Password = "secret" });
                foreach (var error in login.EnsureData().Login.Errors)
                {
                    if (error is IErrorInfo info) return info.Code + ": " + info.Message;
                }
                var page = await client.SearchEventsAsync(new EventFilter { City = "Sfax", MaxPrice = new MoneyInput { Currency = "TND", Amount = 60m } }, first: 10);
                IEventSummary? first = page.EnsureData().Events.Nodes.FirstOrDefault();
                return first?.Title;
            }
        }
        """);

    private static void AssertCompiles(GeneratorResult result, string consumer)
    {
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var trees = result.Files.Select(f => CSharpSyntaxTree.ParseText(f.Content, parse, path: f.Name)).ToList();
        // A consumer's own code using the client.
        trees.Add(CSharpSyntaxTree.ParseText(consumer, parse, path: "Consumer.cs"));
        var compilation = CSharpCompilation.Create("Generated", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                // As Directory.Build.props: public members without XML docs are allowed.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));
        var generator = JsonSourceGenerator();
        CSharpGeneratorDriver.Create(generator).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var diagnostics = generatorDiagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics.Take(30)));
        // The JSON context got its source-generated members (no reflection fallback).
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.Contains("JsonContext", StringComparison.Ordinal) && t.FilePath.Contains(".g.cs", StringComparison.Ordinal) && !result.Files.Any(f => f.Name == t.FilePath));
    }

    private static ISourceGenerator JsonSourceGenerator()
    {
        var path = Path.Combine(ReferencePack(), "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp).Single();
    }

    private static IEnumerable<MetadataReference> References()
    {
        var refs = Directory.EnumerateFiles(Path.Combine(ReferencePack(), "ref", "net10.0"), "*.dll").ToList();
        foreach (var type in new[] { typeof(GraphQLResponse<>), typeof(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder),
                     typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection), typeof(Microsoft.Extensions.Options.IOptions<>) })
        {
            refs.Add(type.Assembly.Location);
        }
        return refs.Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>packs/Microsoft.NETCore.App.Ref/{version} of the SDK running the tests (the newest 10.0).</summary>
    private static string ReferencePack()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // …/shared/Microsoft.NETCore.App/10.0.x
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        return Directory.EnumerateDirectories(packs, "10.0.*")
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .First();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
