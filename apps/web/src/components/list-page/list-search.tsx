import { useState } from 'react';
import { Input } from 'antd';
import type { SearchProps } from 'antd/es/input';

/**
 * The search box of a filter bar: shows the search held in the address (after a reload or Back)
 * and reports the trimmed text, or undefined when cleared.
 */
export function ListSearch({
  value,
  onSearch,
  ...props
}: Omit<SearchProps, 'value' | 'onSearch' | 'onChange'> & { value?: string; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  // the address changed under us (reload, Back): show its search (React's "adjust state on a prop change" pattern)
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  return <Input.Search allowClear {...props} value={text} onChange={(e) => setText(e.target.value)} onSearch={(q) => onSearch(q.trim() || undefined)} />;
}
