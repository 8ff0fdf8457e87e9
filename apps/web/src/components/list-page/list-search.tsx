import { useEffect, useState } from 'react';
import { Input } from 'antd';
import type { SearchProps } from 'antd/es/input';

/**
 * The search box of a filter bar: shows the search held in the address (after a reload or Back)
 * and reports the trimmed text, or undefined when cleared.
 */
export function ListSearch({ value, onSearch, ...props }: Omit<SearchProps, 'value' | 'onSearch' | 'onChange'> & { value?: string; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return <Input.Search allowClear {...props} value={text} onChange={(e) => setText(e.target.value)} onSearch={(q) => onSearch(q.trim() || undefined)} />;
}
