using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tickr.Cli;

/// <summary>The tokens of one server, as login or a refresh left them.</summary>
public sealed class ServerCredentials
{
    public required string Email { get; set; }

    public string? UserId { get; set; }

    public required string AccessToken { get; set; }

    public DateTimeOffset AccessTokenExpiresAt { get; set; }

    public required string RefreshToken { get; set; }

    public DateTimeOffset RefreshTokenExpiresAt { get; set; }
}

/// <summary>credentials.json: the tokens per server, and the server the last login chose.</summary>
public sealed class CredentialsFile
{
    /// <summary>The endpoint commands use when neither --server nor TICKR_SERVER names one.</summary>
    public string? Current { get; set; }

    public Dictionary<string, ServerCredentials> Servers { get; set; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CredentialsFile))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Reads and writes credentials.json in the configuration folder. The folder is created 0700 and the file 0600 (on
/// Unix): the refresh token signs in as the user for weeks. Writes go to a new file moved over the old one, so a crash
/// never leaves half a file, and the permissions never depend on what was there before.
/// </summary>
public sealed class CredentialStore(string directory)
{
    public const string FileName = "credentials.json";

    public string Directory { get; } = directory;

    public string FilePath => Path.Combine(Directory, FileName);

    public CredentialsFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new CredentialsFile();
        }
        try
        {
            using var stream = File.OpenRead(FilePath);
            var file = JsonSerializer.Deserialize(stream, CliJsonContext.Default.CredentialsFile) ?? new CredentialsFile();
            file.Servers = new Dictionary<string, ServerCredentials>(file.Servers, StringComparer.Ordinal);
            return file;
        }
        catch (JsonException e)
        {
            throw new CliException($"{FilePath} is not a valid credentials file ({e.Message}); delete it and run `tickr login`.");
        }
    }

    public void Save(CredentialsFile file)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var temporary = Path.Combine(Directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, file, CliJsonContext.Default.CredentialsFile);
            }
            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
