package org.sentio.automation.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseSentencesTest {
  private final WorkflowParser parser = new WorkflowParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
"""
每周一上午10点分析 ~/calls 里的新录音，把客户生气超过30秒的通话做成PDF报告放到 ~/reports | schedule 0 10 * * 1 | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=30,subject=customer} > report{format=pdf,folder=~/reports}
每天早上9点分析 ~/calls 里的新通话，然后通知我 | schedule 0 9 * * * | analyse{folder=~/calls} > notify{to=me}
每个工作日下午6点半分析 /data/calls 中的录音，导出为CSV到 /data/out | schedule 30 18 * * 1-5 | analyse{folder=/data/calls} > export{format=csv,folder=/data/out}
当 ~/inbox 里有新录音时，分析它们并生成HTML报告放到 ~/reports | watch ~/inbox | analyse > report{format=html,folder=~/reports}
监控 ~/voice-notes，分析每一个，然后通知我 | watch ~/voice-notes | analyse > notify{to=me}
每15分钟分析 ~/drop 里的新文件 | schedule */15 * * * * | analyse{folder=~/drop}
每2小时处理 ~/videos 中的新视频，并复制到 ~/archive | schedule 0 */2 * * * | analyse{folder=~/videos} > copy{folder=~/archive}
每周一和周四晚上7点45分分析 ~/calls 里的通话，标出来电者愤怒超过2分钟的通话，通知团队 | schedule 45 19 * * 1,4 | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=120,subject=caller} > notify{to=the team}
每月1号早上8点分析 ~/monthly 里的录音，用 ~/labels.csv 里的标签评估准确率 | schedule 0 8 1 * * | analyse{folder=~/monthly} > evaluate{labels=~/labels.csv}
分析 ~/calls 里的新录音，生成PDF报告放到 ~/reports，由主管审核后再发送，然后通知团队 | manual | analyse{folder=~/calls} > report{format=pdf,folder=~/reports} > review{approver=supervisor} > notify{to=the team}
每天中午12点分析 ~/interviews 里的新访谈 | schedule 0 12 * * * | analyse{folder=~/interviews}
每个工作日上午9点分析 ~/calls 里的通话，只保留客户痛苦超过1分钟的通话 | schedule 0 9 * * 1-5 | analyse{folder=~/calls} > filter{emotion=distressed,minSeconds=60,subject=customer}
每周五下午5点分析 ~/calls 里的新录音，导出为JSON和CSV到 ~/exports | schedule 0 17 * * 5 | analyse{folder=~/calls} > export{format=json,csv,folder=~/exports}
每当 ~/clinic/notes 里出现新文件，分析它，找出患者害怕超过20秒的录音并通知我 | watch ~/clinic/notes | analyse > filter{emotion=fearful,minSeconds=20,subject=patient} > notify{to=me}
每周日凌晨0点分析 "/srv/call archive" 里的新通话，复制到 /srv/flagged | schedule 0 0 * * 0 | analyse{folder=/srv/call archive} > copy{folder=/srv/flagged}
分析 ./calls 里的录音并生成报告 | manual | analyse{folder=./calls} > report{format=pdf}
每小时分析 ~/notes 里的新语音，筛选出难过超过45秒的会话，发个桌面通知给我 | schedule 0 * * * * | analyse{folder=~/notes} > filter{emotion=sad,minSeconds=45} > notify{to=me}
北京时间每天早上6点30分分析 ~/calls 里的新通话 | schedule 30 6 * * * Asia/Shanghai | analyse{folder=~/calls}
每周二14:00分析 ~/calls 里的通话，把坐席生气超过十秒的通话做成PDF汇总放到 ~/qa | schedule 0 14 * * 2 | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=10,subject=agent} > report{format=pdf,folder=~/qa}
一旦 ~/calls 里有新通话就分析它，导出为VTT到 ~/subs，经人工审核后通知我 | watch ~/calls | analyse > export{format=vtt,folder=~/subs} > review{approver=person} > notify{to=me}
每个周末上午10点分析 D:\\calls 里的新录音，生成网页报告放到 D:\\reports | schedule 0 10 * * 0,6 | analyse{folder=D:\\calls} > report{format=html,folder=D:\\reports}
监视 ~/study 的新录音，分析它们，请主管确认一下，再备份到 ~/backup | watch ~/study | analyse > review{approver=supervisor} > copy{folder=~/backup}
每隔30分钟分析 ~/in 里的新文件，告诉我 | schedule */30 * * * * | analyse{folder=~/in} > notify{to=me}
每天晚上10点把 ~/calls 里的新录音分析一下，把客户不满超过三十秒的通话做成报告存到 ~/reports | schedule 0 22 * * * | analyse{folder=~/calls} > filter{emotion=angry,minSeconds=30,subject=customer} > report{format=pdf,folder=~/reports}
""")
  void sentenceMakesTheIntendedMachine(String sentence, String trigger, String steps) {
    ParseResult result = parser.parse(sentence);
    assertEquals(trigger + " | " + steps, Signatures.of(result.workflow()), sentence);
    assertTrue(result.unparsed().isEmpty(), () -> "unparsed: " + result.unparsed());
    assertTrue(result.problems().isEmpty(), () -> "problems: " + result.problems());
    assertEquals("zh-CN", result.workflow().language());
  }
}
