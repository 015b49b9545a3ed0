using System.Data.Common;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Assessment.Web.Synthetic;

/// <summary>
/// Writes entities straight into their tables for bulk seeding: prepared, parameterized INSERT statements
/// on SQLite, binary COPY on PostgreSQL. Table and column names, and every value conversion (timestamps as
/// UTC ticks and decimals as REAL on SQLite, enums as names, lists as JSON or arrays), come from the EF model,
/// so a row written here reads back through EF exactly as one EF wrote. Keys are the caller's (explicit ids);
/// <see cref="FinishAsync"/> moves PostgreSQL's identity sequences past them.
/// </summary>
/// <remarks>
/// Nothing here goes through the save interceptors: no stamps, versions or audit entries are added. The caller
/// sets <c>CreatedAt</c>, <c>ModifiedAt</c>, <c>ModifiedBy</c> and <c>Version</c> itself; the synthetic seed
/// writes one audit entry describing the whole dataset instead of one per row (see README).
/// </remarks>
internal sealed class BulkWriter(AssessmentDbContext db)
{
    private readonly bool postgres = db.Database.IsNpgsql();
    private readonly Dictionary<Type, Table> tables = [];
    private readonly HashSet<string> written = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, DbCommand> prepared = [];

    /// <summary>Rows written so far, all tables.</summary>
    public long Rows { get; private set; }

    /// <summary>Runs <paramref name="write"/> in one transaction: the chunk is stored whole or not at all.</summary>
    public async Task InTransactionAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await write().ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var command in prepared.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        prepared.Clear();
    }

    /// <summary>Inserts <paramref name="rows"/>, inside the transaction of <see cref="InTransactionAsync"/>.</summary>
    public async Task WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var table = TableOf(typeof(T));
        written.Add(table.Name);
        if (postgres)
        {
            await CopyAsync(table, rows, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await InsertAsync(table, rows, cancellationToken).ConfigureAwait(false);
        }

        Rows += rows.Count;
    }

    /// <summary>PostgreSQL: sets each written table's identity sequence past the largest id, so later inserts get fresh keys.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (!postgres)
        {
            return;
        }

        foreach (var table in tables.Values.Where(t => written.Contains(t.Name) && t.IdentityColumn is not null))
        {
            var sql = $"SELECT setval(pg_get_serial_sequence('{Quote(table.Name)}', '{table.IdentityColumn}'), "
                + $"(SELECT COALESCE(MAX({Quote(table.IdentityColumn!)}), 0) + 1 FROM {Quote(table.Name)}), false)";
#pragma warning disable EF1002 // identifiers from the EF model, no user input
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        }
    }

    private async Task InsertAsync<T>(Table table, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (!prepared.TryGetValue(typeof(T), out var command))
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) "
                + $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < table.Columns.Length; i++)
            {
                command.Parameters.Add(table.Columns[i].Mapping.CreateParameter(command, "$p" + i, null, nullable: true));
            }

            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            prepared[typeof(T)] = command;
        }

        var parameters = command.Parameters;
        foreach (var row in rows)
        {
            for (var i = 0; i < table.Columns.Length; i++)
            {
                parameters[i].Value = table.Columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CopyAsync<T>(Table table, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = $"COPY {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                foreach (var column in table.Columns)
                {
                    if (column.ProviderValue(row) is { } value)
                    {
                        await importer.WriteAsync(value, column.DataTypeName, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Table TableOf(Type type)
    {
        if (tables.TryGetValue(type, out var table))
        {
            return table;
        }

        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model.");
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(store) is not null)
            .Select(p => new Column(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping()))
            .ToArray();
        var identity = entity.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] && (key.ClrType == typeof(int) || key.ClrType == typeof(long))
            ? key.GetColumnName(store)
            : null;
        table = new Table(name, columns, identity);
        tables[type] = table;
        return table;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Table(string Name, Column[] Columns, string? IdentityColumn);

    private sealed class Column(IProperty property, string name, RelationalTypeMapping mapping)
    {
        private readonly IClrPropertyGetter getter = property.GetGetter();

        public string Name { get; } = name;

        public RelationalTypeMapping Mapping { get; } = mapping;

        /// <summary>PostgreSQL's name of the column type without length or precision (<c>character varying</c>, <c>integer[]</c>).</summary>
        public string DataTypeName { get; } = StripFacets(mapping.StoreType);

        /// <summary>The value as the provider stores it (after the model's value converter), null for SQL NULL.</summary>
        public object? ProviderValue(object entity)
        {
            var value = getter.GetClrValue(entity);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }

        private static string StripFacets(string storeType)
        {
            var open = storeType.IndexOf('(', StringComparison.Ordinal);
            if (open < 0)
            {
                return storeType;
            }

            var close = storeType.IndexOf(')', open);
            return (storeType[..open] + storeType[(close + 1)..]).Trim();
        }
    }
}
