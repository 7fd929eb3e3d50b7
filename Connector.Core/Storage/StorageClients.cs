using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Connector.Core.Storage;

/// <summary>Creates the three storage service clients from one <see cref="StorageConnection"/>.</summary>
public static class StorageClients
{
    /// <summary>
    /// The encoding of every message our code writes to a queue a trigger reads. It must match
    /// <c>extensions.queues.messageEncoding</c> in host.json (a test checks both).
    /// </summary>
    public const QueueMessageEncoding MessageEncoding = QueueMessageEncoding.Base64;

    public static QueueServiceClient CreateQueueService(StorageConnection connection)
    {
        var options = new QueueClientOptions { MessageEncoding = MessageEncoding };
        return connection.ConnectionString is { } cs
            ? new QueueServiceClient(cs, options)
            : new QueueServiceClient(connection.QueueServiceUri, connection.Credential, options);
    }

    public static TableServiceClient CreateTableService(StorageConnection connection) =>
        connection.ConnectionString is { } cs
            ? new TableServiceClient(cs)
            : new TableServiceClient(connection.TableServiceUri, connection.Credential);

    public static BlobServiceClient CreateBlobService(StorageConnection connection) =>
        connection.ConnectionString is { } cs
            ? new BlobServiceClient(cs)
            : new BlobServiceClient(connection.BlobServiceUri, connection.Credential);
}
