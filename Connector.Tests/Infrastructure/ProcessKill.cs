using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Core.Enrichment;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Kills a worker "process" (one service provider) at one outgoing call: the first call that matches is held at its
/// point (before it is sent, or once its answer came back), the test sees it arrive (<see cref="Reached"/>), and
/// <see cref="Kill"/> fails it and every later call of that process without sending them. Whatever the abandoned code
/// still runs (catch and finally blocks a real crash never gets to) reaches neither SuperOffice, Company Explorer nor
/// storage. <see cref="AddTo"/> wraps every HttpClient outside its resilience pipeline (no timeout or retry sees the
/// hold) and the table and queue clients per call (outside the SDK's retries).
/// </summary>
public sealed class ProcessKill
{
    private readonly Func<HttpRequestMessage, bool>? _beforeSend;
    private readonly Func<HttpRequestMessage, bool>? _afterAnswer;
    private readonly Func<HttpMessage, bool>? _beforeStorage;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    private ProcessKill(Func<HttpRequestMessage, bool>? beforeSend, Func<HttpRequestMessage, bool>? afterAnswer, Func<HttpMessage, bool>? beforeStorage) =>
        (_beforeSend, _afterAnswer, _beforeStorage) = (beforeSend, afterAnswer, beforeStorage);

    /// <summary>Dies with the matching HTTP request unsent.</summary>
    public static ProcessKill BeforeSending(Func<HttpRequestMessage, bool> match) => new(match, null, null);

    /// <summary>Dies once the matching HTTP request was answered (it landed), before the answer is used.</summary>
    public static ProcessKill AfterAnswer(Func<HttpRequestMessage, bool> match) => new(null, match, null);

    /// <summary>Dies with the matching storage request unsent.</summary>
    public static ProcessKill BeforeStorage(Func<HttpMessage, bool> match) => new(null, null, match);

    /// <summary>Completes when the process is held at its kill point.</summary>
    public Task Reached => _reached.Task;

    public void Kill() => _killed.TrySetResult();

    public void AddTo(IServiceCollection services, string storageConnectionString)
    {
        foreach (var name in new[] { SuperOfficeRegistration.LoginClientName, SuperOfficeRegistration.ApiClientName, nameof(CompanyExplorerClient) })
        {
            services.AddHttpClient(name).ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, new Handler(this)));
        }
        var policy = new StoragePolicy(this);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(storageConnectionString, tableOptions));
        var queueOptions = new QueueClientOptions { MessageEncoding = StorageClients.MessageEncoding };
        queueOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        services.AddSingleton(new QueueServiceClient(storageConnectionString, queueOptions));
    }

    /// <summary>Throws once the process is dead; holds the first call at the kill point until it is, then throws.</summary>
    private async Task PassAsync(bool atKillPoint)
    {
        if (_killed.Task.IsCompleted)
        {
            throw new ProcessKilledException();
        }
        if (atKillPoint && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _reached.TrySetResult();
            await _killed.Task;
            throw new ProcessKilledException();
        }
    }

    private sealed class Handler(ProcessKill kill) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await kill.PassAsync(kill._beforeSend?.Invoke(request) == true);
            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                await kill.PassAsync(kill._afterAnswer?.Invoke(request) == true);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            return response;
        }
    }

    private sealed class StoragePolicy(ProcessKill kill) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await kill.PassAsync(kill._beforeStorage?.Invoke(message) == true);
            await ProcessNextAsync(message, pipeline);
        }
    }
}
