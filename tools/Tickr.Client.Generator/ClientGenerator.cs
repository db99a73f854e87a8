using System.Security.Cryptography;
using System.Text;
using Tickr.GraphQL;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;
using Tickr.GraphQL.Validation;

namespace Tickr.Client.Generator;

/// <summary>What to generate and how to name it.</summary>
public sealed class GeneratorOptions
{
    /// <summary>Namespace of every generated type.</summary>
    public required string Namespace { get; init; }

    /// <summary>Prefix of the client's names: <c>Tickr</c> gives ITickrClient, TickrClient, AddTickrClient, TickrJsonContext.</summary>
    public string ClientName { get; init; } = "Tickr";

    /// <summary>Scalar name → C# type (written as in code, e.g. <c>global::System.Uri</c>), over the defaults.</summary>
    public IReadOnlyDictionary<string, string>? Scalars { get; init; }
}

/// <summary>A file read by the generator: its path (as diagnostics name it) and its text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>A generated C# file, by file name.</summary>
public sealed record GeneratedFile(string Name, string Content);

/// <summary>
/// An operation as the client sends it: its id is the lower-case sha256 hex of the UTF-8 document text, as the server's
/// persisted-operation store and automatic persisted queries compute it.
/// </summary>
public sealed record PersistedOperation(string Id, string Name, string Document);

public sealed class GeneratorResult
{
    public IReadOnlyList<GeneratedFile> Files { get; init; } = [];
    public IReadOnlyList<GeneratorDiagnostic> Diagnostics { get; init; } = [];
    public IReadOnlyList<PersistedOperation> Operations { get; init; } = [];
    public bool Success => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Turns a schema and operation documents into C#: parsing and validation are Tickr.GraphQL's own (the server's),
/// so an operation the generator accepts is one the server accepts.
/// </summary>
public static class ClientGenerator
{
    private static readonly ParserOptions OperationParserOptions = new() { MaxTokens = int.MaxValue };

    public static GeneratorResult Generate(SourceFile schemaFile, IReadOnlyList<SourceFile> operationFiles, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(schemaFile);
        ArgumentNullException.ThrowIfNull(operationFiles);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<GeneratorDiagnostic>();

        Schema schema;
        try
        {
            schema = SdlSchemaBuilder.FromSdl(schemaFile.Text);
        }
        catch (SchemaException ex)
        {
            foreach (var error in ex.Errors.DefaultIfEmpty(new GraphQLError(ex.Message)))
            {
                var at = error.Locations is { Count: > 0 } l ? l[0] : new SourceLocation(1, 1);
                diagnostics.Add(new(schemaFile.Path, at.Line, at.Column, DiagnosticSeverity.Error, DiagnosticCodes.InvalidSchema, error.Message));
            }
            return new GeneratorResult { Diagnostics = diagnostics };
        }

        if (operationFiles.Count == 0)
        {
            diagnostics.Add(new(schemaFile.Path, 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.NoOperations,
                "No operation documents were found: the client has no operations."));
        }

        // Each file on its own first: every file's syntax error is reported, not only the first one's.
        foreach (var file in operationFiles)
        {
            CheckFile(file, diagnostics);
        }
        if (diagnostics.Any(d => d.IsError))
        {
            return new GeneratorResult { Diagnostics = diagnostics };
        }

        // Fragments are shared by all files, so the files are validated as one document; their line offsets map
        // every location back to its file.
        var sources = new SourceMap(operationFiles);
        var document = Parser.Parse(sources.Text, OperationParserOptions);
        var errors = DocumentValidator.Validate(schema, document, new ValidationOptions
        {
            MaxIntrospectionDepth = 0,
            MaxErrors = 1000,
        });
        foreach (var error in errors)
        {
            var at = error.Locations is { Count: > 0 } l ? l[0] : new SourceLocation(0, 0);
            var (path, line) = sources.Resolve(at.Line);
            diagnostics.Add(new(path, line, at.Column, DiagnosticSeverity.Error, Classify(error.Message), error.Message));
        }
        if (diagnostics.Any(d => d.IsError))
        {
            return new GeneratorResult { Diagnostics = diagnostics };
        }

        var rewritten = TypenameRewriter.Rewrite(schema, document);
        var builder = new ModelBuilder(schema, rewritten, options, sources, diagnostics);
        var model = builder.Build();
        var files = new Emitter(model, options).Emit();
        return new GeneratorResult
        {
            Files = files,
            Diagnostics = diagnostics,
            Operations = model.Operations.Select(o => new PersistedOperation(o.Id, o.Name, o.Document)).ToList(),
        };
    }

    /// <summary>The sha256 hex id of a document, as Tickr.GraphQL.AspNetCore computes it.</summary>
    public static string OperationId(string document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    private static void CheckFile(SourceFile file, List<GeneratorDiagnostic> diagnostics)
    {
        DocumentNode doc;
        try
        {
            doc = Parser.Parse(file.Text, OperationParserOptions);
        }
        catch (GraphQLSyntaxException ex)
        {
            diagnostics.Add(new(file.Path, ex.Location.Line, ex.Location.Column, DiagnosticSeverity.Error, DiagnosticCodes.SyntaxError, ex.Message));
            return;
        }
        foreach (var definition in doc.Definitions)
        {
            var at = definition.Location ?? default;
            switch (definition)
            {
                case OperationDefinitionNode { Name: null }:
                    diagnostics.Add(new(file.Path, at.Line, at.Column, DiagnosticSeverity.Error, DiagnosticCodes.AnonymousOperation,
                        "Operations need a name: the client's method and result type are named after it (e.g. query GetEvent { … })."));
                    break;
                case OperationDefinitionNode or FragmentDefinitionNode:
                    break;
                default:
                    diagnostics.Add(new(file.Path, at.Line, at.Column, DiagnosticSeverity.Error, DiagnosticCodes.NotExecutable,
                        "Operation files hold operations and fragments only; type definitions belong to the schema."));
                    break;
            }
        }
    }

    /// <summary>A stable code for each family of validation message (graphql-js wording).</summary>
    internal static string Classify(string message)
    {
        if (message.StartsWith("Cannot query field", StringComparison.Ordinal)) return DiagnosticCodes.UnknownField;
        if (message.StartsWith("Unknown type", StringComparison.Ordinal)) return DiagnosticCodes.UnknownType;
        if (message.StartsWith("Unknown argument", StringComparison.Ordinal)) return DiagnosticCodes.UnknownArgument;
        if (message.Contains("used in position expecting type", StringComparison.Ordinal)) return DiagnosticCodes.VariableTypeMismatch;
        if (message.Contains("is required, but it was not provided", StringComparison.Ordinal)
            || message.Contains("of required type", StringComparison.Ordinal)) return DiagnosticCodes.MissingArgument;
        if (message.Contains("must have a selection of subfields", StringComparison.Ordinal)
            || message.Contains("must not have a selection", StringComparison.Ordinal)) return DiagnosticCodes.SelectionShape;
        if (message.StartsWith("There can be only one operation named", StringComparison.Ordinal)
            || message.StartsWith("There can be only one fragment named", StringComparison.Ordinal)) return DiagnosticCodes.DuplicateName;
        if (message.Contains("cannot represent", StringComparison.Ordinal)
            || message.StartsWith("Expected value of type", StringComparison.Ordinal)) return DiagnosticCodes.InvalidValue;
        return DiagnosticCodes.Invalid;
    }
}

/// <summary>The operation files joined into one text (one definition list), with each file's first line.</summary>
internal sealed class SourceMap
{
    private readonly List<(string Path, int FirstLine)> _files = [];

    public SourceMap(IReadOnlyList<SourceFile> files)
    {
        var sb = new StringBuilder();
        var line = 1;
        foreach (var file in files)
        {
            _files.Add((file.Path, line));
            sb.Append(file.Text).Append('\n');
            line += CountLines(file.Text) + 1;
        }
        Text = sb.ToString();
        FallbackPath = files.Count > 0 ? files[0].Path : "";
    }

    public string Text { get; }

    private string FallbackPath { get; }

    /// <summary>The file and the line in it of a line of <see cref="Text"/>.</summary>
    public (string Path, int Line) Resolve(int line)
    {
        if (line <= 0)
        {
            return (FallbackPath, 0);
        }
        for (var i = _files.Count - 1; i >= 0; i--)
        {
            if (line >= _files[i].FirstLine)
            {
                return (_files[i].Path, line - _files[i].FirstLine + 1);
            }
        }
        return (FallbackPath, line);
    }

    /// <summary>Line terminators as the GraphQL lexer counts them: \r\n, \n and a lone \r each end a line.</summary>
    private static int CountLines(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
            else if (text[i] == '\r')
            {
                count++;
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
        }
        return count;
    }
}
