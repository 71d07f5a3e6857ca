namespace MentorBot.Core.Mentorships;

/// <summary>
/// Told when a pairing ended, so the mentors' loads kept in memory follow (the live matching index implements it). A
/// port, so Mentorships does not depend on the Requests folder that owns the index.
/// </summary>
public interface IPairingChanges
{
    void MentorshipEnded(Mentorship mentorship);
}
