using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Conversations;

internal sealed partial class TablePostedCardStore
{
    public string Holds => "Which messages in a person's chat carry a card about a request (conversation and activity ids).";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) =>
        DeleteForPersonAsync(subject.Person, cancellationToken);
}
