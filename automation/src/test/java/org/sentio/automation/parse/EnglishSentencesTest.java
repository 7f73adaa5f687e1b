package org.sentio.automation.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishSentencesTest {
  private final WorkflowParser parser = new WorkflowParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
"""
every Monday at 10:00 analyse the new recordings in ~/calls, report the calls where the customer was angry for more than 30 seconds, and write a PDF summary to ~/reports | schedule 0 10 * * 1 | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=30,subject=customer} > report{format=pdf,folder=~/reports}
every day at 9am analyse the new calls in ~/calls and notify me | schedule 0 9 * * * | analyse{folder=~/calls} > notify{to=me}
analyse the recordings in /data/calls every weekday at 18:30 and export them as CSV to /data/out | schedule 30 18 * * 1-5 | analyse{folder=/data/calls} > export{format=csv,folder=/data/out}
when a new recording arrives in ~/inbox, analyse it and write an HTML report to ~/reports | watch ~/inbox | analyse > report{format=html,folder=~/reports}
watch ~/voice-notes and analyse each one, then let me know when it is done | watch ~/voice-notes | analyse > notify{to=me}
every 15 minutes analyse the new files in ~/drop | schedule */15 * * * * | analyse{folder=~/drop}
every 2 hours process the new videos in ~/videos and copy them to ~/archive | schedule 0 */2 * * * | analyse{folder=~/videos} > copy{folder=~/archive}
on Mondays and Thursdays at 7:45 pm analyse the calls in ~/calls and flag the ones where the caller sounded frustrated for over 2 minutes, then notify the team | schedule 45 19 * * 1,4 | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=120,subject=caller} > notify{to=the team}
every month on the 1st at 08:00 analyse the recordings in ~/monthly and evaluate them against the labels in ~/labels.csv | schedule 0 8 1 * * | analyse{folder=~/monthly} > evaluate{labels=~/labels.csv}
analyse the new recordings in ~/calls, write a PDF report to ~/reports, have a supervisor approve it before it is sent, then notify the team | manual | analyse{folder=~/calls} > report{format=pdf,folder=~/reports} > review{approver=supervisor} > notify{to=the team}
daily at noon analyse the new interviews in ~/interviews | schedule 0 12 * * * | analyse{folder=~/interviews}
every weekday at 9 in the morning analyse the calls in ~/calls and keep only the calls where the customer was upset for at least 1 minute | schedule 0 9 * * 1-5 | analyse{folder=~/calls} > filter{emotion=distressed,minSeconds=60,subject=customer}
every Friday at 5pm Europe/Berlin analyse the new recordings in ~/calls and export them as JSON and CSV to ~/exports | schedule 0 17 * * 5 Europe/Berlin | analyse{folder=~/calls} > export{format=json,csv,folder=~/exports}
whenever a new file is added to ~/clinic/notes analyse it, find the ones where the patient was afraid for more than 20 seconds and notify me | watch ~/clinic/notes | analyse > filter{emotion=fearful,minSeconds=20,subject=patient} > notify{to=me}
every Sunday at midnight analyse the new calls in "/srv/call archive" and copy the flagged calls to /srv/flagged | schedule 0 0 * * 0 | analyse{folder=/srv/call archive} > copy{folder=/srv/flagged}
analyse the recordings in ./calls and write a report | manual | analyse{folder=./calls} > report{format=pdf}
every hour analyse the new voice notes in ~/notes, select the sessions with more than 45 seconds of sadness and send me a desktop notification | schedule 0 * * * * | analyse{folder=~/notes} > filter{emotion=sad,minSeconds=45} > notify{to=me}
at 6:30 am every day analyse the new calls in ~/calls in Beijing time | schedule 30 6 * * * Asia/Shanghai | analyse{folder=~/calls}
every Tuesday at 14:00 UTC analyse the calls in ~/calls, report the calls where the agent was angry for more than ten seconds and write a PDF summary to ~/qa | schedule 0 14 * * 2 UTC | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=10,subject=agent} > report{format=pdf,folder=~/qa}
as soon as a new call lands in ~/calls analyse it, export it as WebVTT to ~/subs and ask for approval | watch ~/calls | analyse > export{format=vtt,folder=~/subs} > review{approver=person}
every weekend at 10 am analyse the new recordings in D:\\calls and write an HTML summary to D:\\reports | schedule 0 10 * * 0,6 | analyse{folder=D:\\calls} > report{format=html,folder=D:\\reports}
monitor ~/study for new recordings, analyse them, have someone review the results and then back up the recordings to ~/backup | watch ~/study | analyse > review{approver=someone} > copy{folder=~/backup}
every 30 minutes analyse the new files in ~/in and tell me | schedule */30 * * * * | analyse{folder=~/in} > notify{to=me}
analyse the calls in ~/calls and write a PDF report of the calls where the customer was angry for more than 30 seconds to ~/reports | manual | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=30,subject=customer} > report{format=pdf,folder=~/reports}
""")
  void sentenceMakesTheIntendedMachine(String sentence, String trigger, String steps) {
    ParseResult result = parser.parse(sentence);
    assertEquals(trigger + " | " + steps, Signatures.of(result.workflow()), sentence);
    assertTrue(result.unparsed().isEmpty(), () -> "unparsed: " + result.unparsed());
    assertTrue(result.problems().isEmpty(), () -> "problems: " + result.problems());
    assertEquals("en", result.workflow().language());
  }
}
