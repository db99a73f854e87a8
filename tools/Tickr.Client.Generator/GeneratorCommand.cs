using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tickr.Client.Generator;

/// <summary>
/// The command line: reads the files, runs <see cref="ClientGenerator"/>, writes what changed, prints diagnostics in
/// MSBuild's canonical format. Exit code 0 on success, 1 when the operations or schema have errors, 2 on bad usage.
/// </summary>
public static class GeneratorCommand
{
    private const string Usage = """
        usage: Tickr.Client.Generator --schema <schema.graphql> --operations <dir|file|glob> [--operations …]
                                      --output <dir> --namespace <ns> [--client-name Tickr]
                                      [--persisted <dir>] [--scalar Name=CSharpType]… [--quiet]
          --operations  a folder (every *.graphql below it), a file, or a pattern such as Operations/*.graphql
          --persisted   writes {id}.graphql per operation (the layout FileSystemPersistedOperationStore reads)
                        and persisted-operations.json ({ "id": "document" })
        """;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? schemaPath = null, output = null, ns = null, persisted = null, clientName = null;
        var operationArgs = new List<string>();
        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        var quiet = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "--schema": schemaPath = Next(); break;
                    case "--operations": operationArgs.AddRange(Next().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                    case "--output": output = Next(); break;
                    case "--namespace": ns = Next(); break;
                    case "--client-name": clientName = Next(); break;
                    case "--persisted": persisted = Next(); break;
                    case "--quiet": quiet = true; break;
                    case "--scalar":
                        var pair = Next().Split('=', 2);
                        if (pair.Length != 2) throw new ArgumentException("--scalar takes Name=CSharpType.");
                        scalars[pair[0]] = pair[1];
                        break;
                    case "-h" or "--help":
                        stdout.WriteLine(Usage);
                        return 0;
                    default:
                        throw new ArgumentException($"Unknown argument {args[i]}.");
                }
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine(ex.Message);
                stderr.WriteLine(Usage);
                return 2;
            }
        }
        if (schemaPath is null || output is null || ns is null || operationArgs.Count == 0)
        {
            stderr.WriteLine(Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        schemaPath = Path.GetFullPath(schemaPath);
        if (!File.Exists(schemaPath))
        {
            stdout.WriteLine(new GeneratorDiagnostic(schemaPath, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.InvalidSchema, "The schema file does not exist."));
            return 1;
        }
        var operationFiles = FindOperations(operationArgs).Select(p => new SourceFile(p, File.ReadAllText(p))).ToList();
        var result = ClientGenerator.Generate(new SourceFile(schemaPath, File.ReadAllText(schemaPath)), operationFiles, new GeneratorOptions
        {
            Namespace = ns,
            ClientName = clientName ?? "Tickr",
            Scalars = scalars,
        });
        foreach (var diagnostic in result.Diagnostics)
        {
            // Canonical lines on standard output: MSBuild's Exec task turns them into errors and warnings.
            stdout.WriteLine(diagnostic);
        }
        if (!result.Success)
        {
            return 1;
        }

        var written = WriteFiles(Path.GetFullPath(output), result.Files.Select(f => (f.Name, f.Content)), "*.g.cs");
        if (persisted is not null)
        {
            var entries = result.Operations.Select(o => (o.Id + ".graphql", o.Document)).ToList();
            entries.Add(("persisted-operations.json", Manifest(result.Operations)));
            written += WriteFiles(Path.GetFullPath(persisted), entries, "*.graphql");
        }
        if (!quiet)
        {
            stdout.WriteLine($"Tickr.Client.Generator: {result.Operations.Count} operations, {result.Files.Count} files ({written} changed) in {clock.ElapsedMilliseconds} ms");
        }
        return 0;
    }

    /// <summary>Operation files, sorted by path so that the output does not depend on the file system's order.</summary>
    internal static IReadOnlyList<string> FindOperations(IEnumerable<string> specs)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var full = Path.GetFullPath(spec);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                files.UnionWith(Directory.EnumerateFiles(full, "*.graphql", SearchOption.AllDirectories));
            }
            else
            {
                // A pattern: the folder part, then the file pattern; ** anywhere means "below, recursively".
                var recursive = spec.Contains("**", StringComparison.Ordinal);
                var pattern = Path.GetFileName(spec);
                var folder = Path.GetDirectoryName(spec.Replace("**/", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal)) ?? ".";
                folder = string.IsNullOrEmpty(folder) ? "." : folder;
                if (Directory.Exists(folder))
                {
                    files.UnionWith(Directory.EnumerateFiles(Path.GetFullPath(folder), pattern,
                        recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly));
                }
            }
        }
        return files.ToList();
    }

    private static string Manifest(IReadOnlyList<PersistedOperation> operations)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var op in operations.OrderBy(o => o.Id, StringComparer.Ordinal))
            {
                writer.WriteString(op.Id, op.Document);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>
    /// Writes files whose content changed (untouched files keep their timestamps, so the compiler's own up-to-date
    /// check holds) and deletes files matching <paramref name="stalePattern"/> that are no longer produced.
    /// </summary>
    private static int WriteFiles(string folder, IEnumerable<(string Name, string Content)> files, string stalePattern)
    {
        Directory.CreateDirectory(folder);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var changed = 0;
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            keep.Add(path);
            if (!File.Exists(path) || File.ReadAllText(path) != content)
            {
                File.WriteAllText(path, content, Utf8NoBom);
                changed++;
            }
        }
        foreach (var stale in Directory.EnumerateFiles(folder, stalePattern))
        {
            if (!keep.Contains(stale))
            {
                File.Delete(stale);
                changed++;
            }
        }
        return changed;
    }
}
