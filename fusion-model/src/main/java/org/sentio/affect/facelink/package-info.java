/**
 * Which face in a video is which speaker (docs/decisions/0041-face-tracks-linked-to-speakers.md):
 * the mouth opening of each face track over time, as the face pipeline measures it, set against
 * each speaker's speech. Depends on nothing of Sentio's; the pipeline feeds it plain numbers.
 */
package org.sentio.affect.facelink;
