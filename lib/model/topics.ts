/**
 * The everyday-cc topic taxonomy as data of ours: ids, names and per-topic news feeds
 * (from `_data/topics/*.yaml`). Pure data; the options page lists it, settings map names → feeds.
 */

export interface Topic {
  id: string;
  name: string;
  /** The topic's JSON API news feed, when the taxonomy lists one. */
  feed?: string;
}

const API = 'https://everyday-cc.github.io/ai/api/news/';

/** Every topic of the taxonomy, the generic "AI" first. */
export const TOPICS: readonly Topic[] = [
  { id: 'ai', name: 'AI', feed: API },
  { id: 'ai-in-healthcare', name: 'AI in Healthcare', feed: `${API}ai-in-healthcare/` },
  { id: 'machine-learning', name: 'Machine Learning', feed: `${API}machine-learning/` },
  { id: 'computer-vision', name: 'Computer Vision', feed: `${API}computer-vision/` },
  { id: 'natural-language-processing', name: 'Natural Language Processing', feed: `${API}natural-language-processing/` },
  { id: 'ai-ethics', name: 'AI Ethics', feed: `${API}ai-ethics/` },
  { id: 'ai-hardware', name: 'AI Hardware', feed: `${API}ai-hardware/` },
  { id: 'ai-in-autos', name: 'AI in Autos', feed: `${API}ai-in-autos/` },
  { id: 'ai-in-robotics', name: 'AI in Robotics', feed: `${API}ai-in-robotics/` },
  { id: 'ai-in-finance', name: 'AI in Finance', feed: `${API}ai-in-finance/` },
  { id: 'ai-in-marketing', name: 'AI in Marketing' },
  { id: 'ai-in-sales', name: 'AI in Sales' },
  { id: 'ai-in-education', name: 'AI in Education' },
  { id: 'ai-in-security', name: 'AI in Security' },
  { id: 'aws-ai', name: 'AWS AI', feed: `${API}aws-ai/` },
  { id: 'microsoft-ai', name: 'Microsoft AI', feed: `${API}microsoft-ai/` },
  { id: 'google-ai', name: 'Google AI', feed: `${API}google-ai/` },
  { id: 'facebook-ai', name: 'Facebook AI', feed: `${API}facebook-ai/` },
  { id: 'meta-ai', name: 'Meta AI', feed: `${API}meta-ai/` },
  { id: 'ibm-ai', name: 'IBM AI', feed: `${API}ibm-ai/` },
  { id: 'tensorflow', name: 'TensorFlow', feed: `${API}tensorflow/` },
  { id: 'math-for-ai', name: 'Math for AI' },
];

/** The topic a fresh install filters on (a public default: outside tests rely on it). */
export const DEFAULT_TOPIC = 'AI in Healthcare';

/** The topic with this name, if the taxonomy has it. */
export function topicByName(name: string): Topic | undefined {
  return TOPICS.find((topic) => topic.name === name);
}

/** Words in a topic's id or name that make it a health topic (the taxonomy's own "AI in Healthcare", or a catalog's). */
const HEALTH_WORDS = /health|medic|clinic|hospital|patient|pharma|biotech|disease|nursing|care\b/i;

/**
 * Whether a topic is about health, by its id and name, so a topic a catalog adds later sorts with it.
 * @param topic a taxonomy or catalog topic, or just a name (topics seen only in data).
 */
export function isHealthTopic(topic: Pick<Topic, 'name'> & Partial<Pick<Topic, 'id'>>): boolean {
  return HEALTH_WORDS.test(topic.name) || (topic.id !== undefined && HEALTH_WORDS.test(topic.id));
}
