/**
 * Triage decision support: an ESI-like urgency level (1 most urgent … 5) from explicit rules —
 * red-flag complaint cues in English and Chinese, vital-sign danger zones, voice and face distress,
 * and an optional imaging finding. Every contribution names its source, its weight and the level it
 * suggests; the level is the most urgent suggestion. Decision support — not a diagnosis.
 *
 * <p>The rules (see {@link org.sentio.affect.triage.TriageRules}):
 *
 * <ul>
 *   <li>Level 1 cues: unresponsive, not breathing, cardiac arrest (不省人事, 没有呼吸, 心脏骤停), and vitals
 *       SpO2 &lt; 85 %, systolic &lt; 80 mmHg, HR &lt; 40 or &gt; 150 /min, RR &lt; 8 or &gt; 35
 *       /min.
 *   <li>Level 2 cues: chest pain, can't breathe, stroke signs, severe bleeding, worst headache,
 *       seizure, suicidal thoughts, overdose, anaphylaxis (胸痛, 呼吸困难, 口齿不清, 大出血 …), and danger-zone
 *       vitals (ESI v4): SpO2 &lt; 92 %, HR &gt; 100, RR &gt; 20, systolic &lt; 90 or ≥ 180,
 *       diastolic ≥ 120, temperature ≥ 39.5 or &lt; 35 °C, pain ≥ 7; a positive imaging finding.
 *   <li>Level 3: pain 4–6, temperature 38.0–39.4 °C, high voice or face distress (≥ 0.7, confidence
 *       ≥ 0.5). Distress alone never makes a patient level 1 or 2.
 *   <li>Otherwise level 4 by default; the nurse chooses between 3, 4 and 5 by expected resources.
 * </ul>
 *
 * <p>A cue preceded by a negation ("no chest pain", "denies", "没有胸痛", "无胸痛", "不") is not counted.
 */
package org.sentio.affect.triage;
