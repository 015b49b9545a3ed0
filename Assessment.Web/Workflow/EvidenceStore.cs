using System.IO.Compression;
using System.Security.Cryptography;
using Assessment.Web.Persistence;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Workflow;

/// <summary>Configuration section <c>Evidence</c>.</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Evidence";

    /// <summary>Where evidence files are kept; default <c>&lt;Database:DataFolder&gt;/evidence</c>. Relative to the content root.</summary>
    public string? Folder { get; set; }

    /// <summary>The largest file accepted, in bytes (default 20 MB); larger uploads get 413.</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// The start-up sweep deletes an unreferenced file (placed without a committed row, or left in the incoming folder)
    /// only when it was last written more than this many minutes ago (default 60): another process using the same
    /// folder — a command-line seed, another instance on PostgreSQL — may have placed it and not yet committed its row.
    /// 0 deletes every unreferenced file (only safe when nothing else writes to the folder).
    /// </summary>
    public int SweepMinimumAgeMinutes { get; set; } = 60;
}

/// <summary>
/// Stores evidence files outside the database, content-addressed by SHA-256 (<c>ab/abcdef….pdf</c>). The
/// content decides what a file is: JPEG, PNG, PDF, DOCX and XLSX are recognised by their bytes and must
/// match the declared content type (415 otherwise); the file name is never trusted or used as a path.
/// Bytes go to a temporary file in <c>.incoming/</c> first and are moved into place only when complete, their row
/// saved and its transaction committing (<see cref="EvidenceUploads"/>), so a failure or a refusal leaves nothing
/// half-written and nothing placed; a crash between the move and the commit leaves a complete file without a row,
/// which the start-up sweep deletes once it is older than <see cref="EvidenceOptions.SweepMinimumAgeMinutes"/>.
/// </summary>
public sealed class EvidenceStore(IOptions<EvidenceOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [Jpeg] = ".jpg",
        [Png] = ".png",
        [Pdf] = ".pdf",
        [Docx] = ".docx",
        [Xlsx] = ".xlsx",
    };

    public long MaxBytes => options.Value.MaxBytes;

    public string Folder => Path.GetFullPath(
        options.Value.Folder is { Length: > 0 } folder ? folder : Path.Combine(database.Value.DataFolder, "evidence"),
        environment.ContentRootPath);

    /// <summary>The folder of uploads being received, not yet placed; emptied at start-up (<see cref="SweepAsync"/>).</summary>
    public string IncomingFolder => Path.Combine(Folder, IncomingFolderName);

    private const string IncomingFolderName = ".incoming";

    /// <summary>
    /// Stores the upload at once and returns an unsaved <see cref="EvidenceFile"/> describing it: only for files placed
    /// outside a user's transaction (the demo and synthetic seeds). An upload goes through <see cref="EvidenceUploads"/>,
    /// which places it only as its row commits.
    /// </summary>
    public async Task<EvidenceFile> StoreAsync(Stream content, string declaredContentType, string fileName, CancellationToken cancellationToken = default)
    {
        using var staged = await StageAsync(content, declaredContentType, fileName, cancellationToken).ConfigureAwait(false);
        staged.Place();
        return staged.File;
    }

    /// <summary>
    /// Receives the upload into the incoming folder (checked, hashed and flushed to disk) without placing it:
    /// <see cref="EvidenceUploads.AttachAsync"/> saves the row and has it placed as the transaction commits, so that no
    /// row ever exists without its file. Disposing an unplaced upload deletes it.
    /// </summary>
    public async Task<StagedEvidence> StageAsync(Stream content, string declaredContentType, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var declared = (declaredContentType ?? "").Split(';')[0].Trim();
        if (!Extensions.TryGetValue(declared, out var extension))
        {
            throw new WorkflowException(StatusCodes.Status415UnsupportedMediaType,
                $"不支持的文件类型“{declared}”：佐证材料只接受 JPEG、PNG 图片，PDF、Word（docx）和 Excel（xlsx）文件。",
                new Dictionary<string, string[]> { ["file"] = [$"类型 {declared} 不受支持。"] });
        }

        var originalName = CheckFileName(fileName);
        var temp = Path.Combine(IncomingFolder, Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(IncomingFolder);
            string sha;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                (sha, size) = await CopyHashedAsync(content, file, cancellationToken);
                if (size == 0)
                {
                    throw WorkflowException.Invalid("file", $"文件“{originalName}”是空文件（0 字节），未上传。");
                }

                // On disk before it can be referenced: a power cut after the commit must not lose the bytes.
                file.Flush(flushToDisk: true);
                file.Position = 0;
                var actual = Sniff(file);
                if (!string.Equals(actual, declared, StringComparison.OrdinalIgnoreCase))
                {
                    throw new WorkflowException(StatusCodes.Status415UnsupportedMediaType,
                        $"文件内容与声明的类型不符：声明为“{declared}”，实际内容{(actual is null ? "不是受支持的类型" : $"为“{actual}”")}。",
                        new Dictionary<string, string[]> { ["file"] = ["文件内容与类型不符。"] });
                }
            }

            var relative = $"{sha[..2]}/{sha}{extension}";
            return new StagedEvidence(temp, Path.Combine(Folder, sha[..2], sha + extension), new EvidenceFile
            {
                StoragePath = relative,
                OriginalFileName = originalName,
                ContentType = declared.ToLowerInvariant(),
                Size = size,
                Sha256 = sha,
                UploadedBy = "",
            });
        }
        catch (Exception e) when (e is IOException && IsDiskFull(e))
        {
            Delete(temp);
            throw DiskFull();
        }
        catch
        {
            Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// After a crash: deletes what no row refers to — uploads left in the incoming folder and placed files
    /// without a row (placed but not committed) — when last written more than <paramref name="minimumAge"/> ago.
    /// Only files this store writes are candidates (the incoming folder, and <c>xx/&lt;sha-256&gt;.ext</c> names): anything
    /// else in the folder (a misconfigured folder shared with the database or backups) is never touched. A file that
    /// cannot be deleted is skipped and counted in <paramref name="failed"/>; the sweep never stops start-up.
    /// Run at start-up, before requests are served. Returns the number of files deleted.
    /// </summary>
    public int Sweep(IReadOnlySet<string> referencedPaths, TimeSpan minimumAge, DateTimeOffset now, out int failed)
    {
        ArgumentNullException.ThrowIfNull(referencedPaths);
        failed = 0;
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var deleted = 0;
        var cutoff = now.UtcDateTime - minimumAge;
        foreach (var path in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Folder, path).Replace(Path.DirectorySeparatorChar, '/');
            var incoming = relative.StartsWith(IncomingFolderName + "/", StringComparison.Ordinal);
            var stored = !incoming && IsStoredName(relative);
            if ((incoming || (stored && !referencedPaths.Contains(relative))) && File.GetLastWriteTimeUtc(path) <= cutoff)
            {
                try
                {
                    File.Delete(path);
                    deleted++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failed++;
                }
            }
        }

        return deleted;
    }

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>A name this store places: <c>ab/ab…(64 hex).ext</c> with one of the accepted extensions.</summary>
    private static bool IsStoredName(string relative) =>
        relative.Length > 3 && relative[2] == '/' && relative.IndexOf('/', 3) < 0
        && Path.GetFileNameWithoutExtension(relative.AsSpan(3)) is { Length: 64 } hash
        && hash.StartsWith(relative.AsSpan(0, 2), StringComparison.Ordinal)
        && !hash.ContainsAnyExcept(LowerHex)
        && Extensions.ContainsValue(Path.GetExtension(relative));

    /// <summary>ENOSPC (28) or EDQUOT (122) on Linux, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is IOException { HResult: 28 or 122 or unchecked((int)0x80070070) or unchecked((int)0x80070027) };

    internal static WorkflowException DiskFull() => new(StatusCodes.Status507InsufficientStorage,
        "服务器存储空间不足，佐证材料未保存，请稍后重试或联系管理员。",
        new Dictionary<string, string[]> { ["file"] = ["存储空间不足，文件未保存。"] });

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left in the incoming folder; the start-up sweep removes it.
        }
    }

    /// <summary>Opens a stored file for reading.</summary>
    public Stream Open(EvidenceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = Path.GetFullPath(Path.Combine(Folder, file.StoragePath));
        if (!path.StartsWith(Folder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Evidence {file.Id} has a path outside the evidence folder.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
    }

    /// <summary>The content type the bytes are, or null when none of the accepted ones.</summary>
    public static string? Sniff(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        stream.Position = 0;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[(byte)'P', (byte)'K', 3, 4]))
        {
            return OfficeKind(stream);
        }

        return null;
    }

    private static string? OfficeKind(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            return names.Contains("word/document.xml") ? Docx : names.Contains("xl/workbook.xml") ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private async Task<(string Sha, long Size)> CopyHashedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > MaxBytes)
            {
                throw new WorkflowException(StatusCodes.Status413PayloadTooLarge,
                    $"文件超过大小限制（{MaxBytes / 1024 / 1024} MB）。",
                    new Dictionary<string, string[]> { ["file"] = ["文件过大。"] });
            }

            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await target.FlushAsync(cancellationToken);
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>
    /// The name an upload is kept and offered for download under, exactly as given, or 400 naming the file. It is
    /// never a path here, but it becomes one on the computer that downloads it, so it must be a plain file name on
    /// every system: no directory part (<c>../</c>, <c>C:\</c>, <c>/etc/</c>), none of the characters Windows
    /// refuses, no reserved device name (CON, NUL, COM1 …), nothing <see cref="Api.SafeText"/> refuses, at most
    /// <see cref="EvidenceFile.FileNameMaxLength"/> characters. An empty name becomes 未命名.
    /// </summary>
    public static string CheckFileName(string? name)
    {
        var plain = (name ?? "").Trim();
        if (plain.Length == 0)
        {
            return "未命名";
        }

        string? problem = null;
        if (plain.Length > EvidenceFile.FileNameMaxLength)
        {
            problem = $"文件名超过 {EvidenceFile.FileNameMaxLength} 个字符，请改短后重试。";
        }
        else if (Api.SafeText.Problem(plain) is { } text)
        {
            problem = "文件名" + text;
        }
        else if (plain.IndexOfAny(['\t', '\r', '\n']) >= 0)
        {
            problem = "文件名含有制表符或换行符，请删除后重试。";
        }
        else if (plain.IndexOfAny(['/', '\\']) >= 0 || plain is "." or "..")
        {
            problem = "文件名不能包含路径（/ 或 \\），请只上传文件本身的名称。";
        }
        else if (plain.IndexOfAny(WindowsInvalid) >= 0)
        {
            problem = "文件名不能包含以下字符：< > : \" | ? *。";
        }
        else if (IsReservedDeviceName(plain))
        {
            problem = $"“{plain}”是 Windows 的保留设备名，不能作为文件名，请改名后重试。";
        }

        return problem is null ? plain : throw WorkflowException.Invalid("file", problem);
    }

    private static readonly System.Buffers.SearchValues<char> WindowsInvalid = System.Buffers.SearchValues.Create("<>:\"|?*");

    private static bool IsReservedDeviceName(string name)
    {
        var stem = name.Split('.')[0].TrimEnd(' ').ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL" or "CONIN$" or "CONOUT$"
            || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal))
                && stem[3] is >= '0' and <= '9' or '¹' or '²' or '³');
    }
}

/// <summary>
/// An upload received into the incoming folder and not yet placed (see <see cref="EvidenceStore.StageAsync"/>). As a
/// <see cref="ITransactionParticipant"/> (see <see cref="EvidenceUploads"/>) it is placed as the transaction holding its
/// row commits, and deleted from the incoming folder when that transaction does not.
/// </summary>
public sealed class StagedEvidence : ITransactionParticipant
{
    private readonly string temp;
    private readonly string target;

    internal StagedEvidence(string temp, string target, EvidenceFile file)
    {
        this.temp = temp;
        this.target = target;
        File = file;
    }

    /// <summary>The unsaved row describing the file.</summary>
    public EvidenceFile File { get; }

    /// <summary>Moves the file to its content-addressed place (an atomic rename); the same content already there is kept.</summary>
    public void Place()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);

            // The name is the content's hash: a file already there (or placed by a concurrent upload of the same
            // bytes) has the same content, so replacing it is harmless, and the fresh write time keeps a start-up
            // sweep on another instance from taking it for an old orphan before this row commits.
            System.IO.File.Move(temp, target, overwrite: true);
        }
        catch (IOException e) when (EvidenceStore.IsDiskFull(e))
        {
            throw EvidenceStore.DiskFull();
        }
    }

    void ITransactionParticipant.BeforeCommit() => Place();

    /// <summary>Deletes the upload from the incoming folder unless it was placed.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.File.Delete(temp);
        }
        catch (IOException)
        {
            // Left in the incoming folder; the start-up sweep removes it.
        }
    }
}
