using Azure;
using Azure.Data.Tables;

namespace Connector.Core.Jobs;

/// <summary>Point reads and conditional writes of plain table rows, shaped for <see cref="OptimisticUpdate"/>.</summary>
internal static class TableRows
{
    public static async Task<TableEntity?> ReadAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts a row without an ETag, or replaces the row of that ETag; null when someone else wrote first.</summary>
    public static async Task<TableEntity?> TryWriteAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            var response = row.ETag == default
                ? await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = response.Headers.ETag ?? default;
            return row;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Deletes a row whatever it holds; a row that is gone already counts as deleted.</summary>
    public static async Task DeleteAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
